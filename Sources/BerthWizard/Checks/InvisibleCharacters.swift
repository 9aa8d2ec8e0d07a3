import Foundation

/// Control and format characters (Unicode categories Cc and Cf: zero-width spaces and joiners,
/// bidirectional overrides and isolates, the byte-order mark) in values used as names. They are
/// invisible or reorder the terminal line, so a name holding one is not the name the person sees.
public enum InvisibleCharacters {
    /// Returns the first such character in `value`, worded as
    /// `U+202E RIGHT-TO-LEFT OVERRIDE at character 6` (counting Unicode scalars from 1), or nil.
    public static func firstProblem(in value: String) -> String? {
        for (index, scalar) in value.unicodeScalars.enumerated() where isInvisible(scalar) {
            return "\(describe(scalar)) at character \(index + 1)"
        }
        return nil
    }

    /// Returns one problem per key of `values` whose value holds such a character, in key order,
    /// such as `container_name contains U+202E RIGHT-TO-LEFT OVERRIDE at character 2`.
    public static func problems(in values: [String: String]) -> [String] {
        values.keys.sorted().compactMap { key in
            firstProblem(in: values[key] ?? "").map { "\(key) contains \($0)" }
        }
    }

    /// Whether `scalar` is in category Cc (control) or Cf (format).
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format: return true
        default: return false
        }
    }

    /// Returns `U+XXXX NAME`, using the Unicode name alias for control characters, which have no name.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        var hex = String(scalar.value, radix: 16, uppercase: true)
        hex = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let name = scalar.properties.name ?? scalar.properties.nameAlias ?? "CONTROL CHARACTER"
        return "U+\(hex) \(name)"
    }
}
