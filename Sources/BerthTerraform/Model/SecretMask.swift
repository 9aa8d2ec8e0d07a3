import Foundation

/// Hides GitHub tokens in text that reaches the screen or a log: diagnostics and provisioner
/// output can quote a token that a configuration passed on.
public enum SecretMask {
    private static let pattern = try? NSRegularExpression(pattern: "(gh[pousr]_|github_pat_)[A-Za-z0-9_]{10,}")

    /// Returns `text` with each token replaced by its prefix and `…(masked)`.
    public static func mask(_ text: String) -> String {
        guard TerminalText.containsBytes(text, "gh"), let pattern else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return pattern.stringByReplacingMatches(in: text, range: range, withTemplate: "$1…(masked)")
    }
}
