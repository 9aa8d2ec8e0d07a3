import BerthHCL
import Foundation

/// Recognises values that look like GitHub tokens, so they are rejected in
/// tfvars fields, dropped from a child's environment and masked in anything
/// Berth shows or writes.
public enum TokenPattern {
    static let prefixes = ["ghp_", "github_pat_", "gho_", "ghu_", "ghs_", "ghr_"]

    /// Returns whether `value` contains a GitHub token prefix or is 40 hexadecimal characters (a classic token).
    public static func looksLikeToken(_ value: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if prefixes.contains(where: { trimmed.contains($0) }) { return true }
        return trimmed.count == 40 && trimmed.allSatisfy(\.isHexDigit)
    }

    /// Returns whether `text` has a GitHub token's form: a known prefix or 40 hexadecimal characters, with no whitespace.
    public static func hasTokenShape(_ text: String) -> Bool {
        if text.isEmpty || text.contains(where: { $0.isWhitespace || $0.isNewline }) { return false }
        if prefixes.contains(where: { text.hasPrefix($0) && text.count > $0.count }) { return true }
        return text.count == 40 && text.allSatisfy(\.isHexDigit)
    }

    /// Description of the value to paste, for messages that reject a value.
    public static let expectedShape = "the token alone, as plain text: a classic token (ghp_…), a fine-grained token (github_pat_…), another GitHub token (gho_, ghu_, ghs_, ghr_), or 40 hexadecimal characters"

    /// Returns why `value`, typed or piped as the GitHub token, cannot be stored in the secret, or nil
    /// when it has a token's form. The reason names the value's kind and length, never the value.
    public static func storeProblem(_ value: String) -> String? {
        let length = value.count
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return "The token is empty. Paste \(expectedShape)."
        }
        let parsed = try? JSONSerialization.jsonObject(with: Data(value.utf8), options: [.fragmentsAllowed])
        if parsed is [String: Any] || parsed is [Any] {
            return "The value is JSON (\(length) characters), such as a key/value pair; CodePipeline passes the whole string to GitHub. Paste \(expectedShape)."
        }
        if parsed is String {
            return "The value is a quoted JSON string (\(length) characters); the quotes would become part of the token. Paste \(expectedShape)."
        }
        if value.contains(where: { $0.isWhitespace || $0.isNewline }) {
            return "The value contains spaces or line breaks (\(length) characters); a token has none. Paste \(expectedShape)."
        }
        if !hasTokenShape(value) {
            return "The value (\(length) characters) does not look like a GitHub token. Paste \(expectedShape)."
        }
        return nil
    }

    /// Returns the message for a token typed into the tfvars field `spec`, saying what the field expects instead.
    public static func rejection(for spec: VariableSpec) -> String {
        if spec.name == "github_token_secret_name" {
            return "This looks like a GitHub token. Store the token in Secrets Manager (the GitHub token step) and enter only the secret's name; Berth never writes a token to terraform.tfvars."
        }
        let description = spec.description.trimmingCharacters(in: .whitespacesAndNewlines)
        // Lower-case only a capitalised first word, so names such as "GitHub" or "AWS" keep their spelling.
        let firstWord = description.prefix(while: { !$0.isWhitespace })
        let keepsCase = firstWord.dropFirst().contains(where: \.isUppercase)
        let lowered = keepsCase ? description : "\(description.prefix(1).lowercased())\(description.dropFirst())"
        let expected = description.isEmpty ? "a \(spec.typeText) value" : lowered.trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return "This looks like a GitHub token, but \(spec.name) expects \(expected). Tokens belong in Secrets Manager (the GitHub token step), never in terraform.tfvars."
    }

    /// Returns `text` with GitHub tokens and AWS keys masked. Absolute file paths keep their hexadecimal
    /// parts, such as the SHA-1 file names in ~/.aws/sso/cache, unless they contain a prefixed token.
    public static func mask(_ text: String) -> String {
        var kept: [String] = []
        var protected = text
        let range = NSRange(text.startIndex..., in: text)
        for match in filePath.matches(in: text, range: range).reversed() {
            guard let pathRange = Range(match.range, in: protected) else { continue }
            let path = String(protected[pathRange])
            if prefixedSecret.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil { continue }
            protected.replaceSubrange(pathRange, with: "\u{E000}\(kept.count)\u{E001}")
            kept.append(path)
        }

        var masked = BerthHCL.SecretMask.redact(protected)
        for (index, path) in kept.enumerated() {
            masked = masked.replacingOccurrences(of: "\u{E000}\(index)\u{E001}", with: path)
        }
        return masked
    }

    /// An absolute or home-relative file path; a URL's path is not matched because `//` follows a colon.
    private static let filePath = try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9:/._~-])~?/[A-Za-z0-9._/~+-]+"#)

    /// Token shapes that stay masked even inside a file path.
    private static let prefixedSecret = try! NSRegularExpression(pattern: #"github_pat_|gh[pousr]_[A-Za-z0-9]{8,}|(?:AKIA|ASIA)[A-Z0-9]{16}"#)
}
