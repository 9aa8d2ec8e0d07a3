import Foundation

/// Hides GitHub tokens in text that reaches the screen or a log: diagnostics and provisioner
/// output can quote a token that a configuration passed on.
public enum SecretMask {
    private static let pattern = try? NSRegularExpression(pattern: "(gh[pousr]_|github_pat_)[A-Za-z0-9_]{10,}")

    /// `text` with each token replaced by its prefix and `…(masked)`.
    public static func mask(_ text: String) -> String {
        guard containsBytes(text, "gh"), let pattern else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return pattern.stringByReplacingMatches(in: text, range: range, withTemplate: "$1…(masked)")
    }

    /// A byte-wise substring test, because Foundation's `contains` bridges to NSString on
    /// Linux and is too slow to run on every line of a long stream.
    static func containsBytes(_ text: String, _ needle: String) -> Bool {
        let target = Array(needle.utf8)
        guard let first = target.first else { return true }
        let bytes = text.utf8
        var index = bytes.startIndex
        while let found = bytes[index...].firstIndex(of: first) {
            if bytes[found...].starts(with: target) { return true }
            index = bytes.index(after: found)
        }
        return false
    }
}
