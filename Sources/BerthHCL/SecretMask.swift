import Foundation

/// Finds and masks values shaped like GitHub tokens and AWS keys.
public enum SecretMask {
    /// Token shapes, each with the reason shown when a value matches.
    static let patterns: [(regex: NSRegularExpression, kind: String)] = [
        ("github_pat_[A-Za-z0-9_]{8,}", "a GitHub fine-grained personal access token"),
        ("gh[pousr]_[A-Za-z0-9]{8,}", "a GitHub token"),
        ("(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])", "an AWS access key ID"),
        ("(?<![A-Za-z0-9])[0-9a-fA-F]{40}(?![A-Za-z0-9])", "a 40-character hexadecimal token (a classic GitHub token)"),
        // NOTE: any 40-character run of letters, digits, "/" and "+" that mixes cases and digits
        // matches, so a long generated name can be taken for a secret key.
        ("(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])",
         "an AWS secret access key"),
    ].compactMap { pattern, kind in
        (try? NSRegularExpression(pattern: pattern)).map { ($0, kind) }
    }

    /// Replaces every token-shaped part of `text` with its first four characters and `****`.
    public static func redact(_ text: String) -> String {
        var result = text
        for pattern in patterns {
            let range = NSRange(result.startIndex..., in: result)
            let matches = pattern.regex.matches(in: result, range: range).reversed()
            for match in matches {
                guard let swiftRange = Range(match.range, in: result) else { continue }
                result.replaceSubrange(swiftRange, with: result[swiftRange].prefix(4) + "****")
            }
        }
        return result
    }

    /// Returns the kind of secret that `text` contains, or nil when it looks like none.
    public static func secretKind(in text: String) -> String? {
        let range = NSRange(text.startIndex..., in: text)
        return patterns.first { $0.regex.firstMatch(in: text, range: range) != nil }?.kind
    }
}
