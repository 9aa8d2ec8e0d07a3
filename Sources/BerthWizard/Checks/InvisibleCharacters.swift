import Foundation

/// Control and format characters (Unicode categories Cc and Cf) in values used as names: zero-width
/// spaces and joiners, bidirectional overrides and isolates, the byte-order mark, but not tab or
/// line breaks. They are invisible or reorder the terminal line, so a name containing one differs
/// from the name on screen.
public enum InvisibleCharacters {
    /// Returns the first such character in `value`, worded as
    /// `U+202E RIGHT-TO-LEFT OVERRIDE at character 6` (counting Unicode scalars from 1), or nil.
    public static func firstProblem(in value: String) -> String? {
        for (index, scalar) in value.unicodeScalars.enumerated() where isInvisible(scalar) {
            return "\(describe(scalar)) at character \(index + 1)"
        }
        return nil
    }

    /// Returns one problem per key of `values` whose value contains such a character, in key order,
    /// such as `container_name contains U+202E RIGHT-TO-LEFT OVERRIDE at character 2`.
    public static func problems(in values: [String: String]) -> [String] {
        values.keys.sorted().compactMap { key in
            firstProblem(in: values[key] ?? "").map { "\(key) contains \($0)" }
        }
    }

    /// Returns `text` with each such character written as `\u{202E}`, so a printed line shows it
    /// instead of hiding it or reordering the rest of the terminal line. Tabs and line breaks stay,
    /// and so does a zero-width joiner inside an emoji sequence, where it is part of one picture.
    public static func escaped(_ text: String) -> String {
        var output = ""
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if shouldEscape(scalar, after: previous) {
                output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                output.unicodeScalars.append(scalar)
            }
            previous = scalar
        }
        return output
    }

    /// Whether `scalar` must be shown escaped: every Cc and Cf character except a zero-width joiner
    /// that follows an emoji or an emoji modifier (as in U+1F469 U+200D U+1F4BB).
    public static func shouldEscape(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar?) -> Bool {
        guard isInvisible(scalar) else { return false }
        if scalar.value == 0x200D, let previous {
            let properties = previous.properties
            return !(properties.isEmojiPresentation || properties.isEmojiModifier || previous.value == 0xFE0F
                || (properties.isEmoji && previous.value > 0xFF))
        }
        return true
    }

    /// Returns whether `scalar` is in category Cc (control) or Cf (format). Tab, line feed and
    /// carriage return are not counted, because heredoc values contain them and outputs show them.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { return false }
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
