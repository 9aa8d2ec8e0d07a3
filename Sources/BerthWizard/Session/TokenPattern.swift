import Foundation

/// Recognises values that look like GitHub tokens, so they are rejected in
/// tfvars fields and masked in anything Berth shows or writes.
public enum TokenPattern {
    static let prefixes = ["ghp_", "github_pat_", "gho_", "ghu_", "ghs_", "ghr_"]

    /// Whether `value` is or contains a GitHub token, or is 40 hexadecimal characters (a classic token).
    public static func looksLikeToken(_ value: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if prefixes.contains(where: { trimmed.contains($0) }) { return true }
        return trimmed.count == 40 && trimmed.allSatisfy(\.isHexDigit)
    }

    /// `text` with every token-looking run replaced by `****`.
    public static func mask(_ text: String) -> String {
        var masked = text
        let patterns = [#"(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]+"#, #"github_pat_[A-Za-z0-9_]+"#, #"\b[0-9a-fA-F]{40}\b"#]
        for pattern in patterns {
            masked = masked.replacingOccurrences(of: pattern, with: "****", options: .regularExpression)
        }
        return masked
    }
}
