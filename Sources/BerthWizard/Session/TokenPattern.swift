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

    /// `text` with GitHub tokens and AWS keys masked.
    public static func mask(_ text: String) -> String {
        BerthHCL.SecretMask.redact(text)
    }
}
