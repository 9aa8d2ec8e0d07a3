import BerthWizard

/// Turns arbitrary text (resource addresses, tag values, diagnostics) into
/// text that is safe to draw on one line.
///
/// Characters the terminal cannot show become `\u{…}` escapes. Control and
/// format characters are always escaped: zero-width spaces, bidirectional
/// overrides and isolates, the byte-order mark. When the locale is not UTF-8,
/// every non-ASCII character is escaped too, because ncurses would draw it as
/// `?` or garbage there.
/// A zero-width joiner inside an emoji sequence is kept, as `InvisibleCharacters` decides.
public struct TextCleaner: Sendable {
    public let unicode: Bool

    public init(unicode: Bool) {
        self.unicode = unicode
    }

    /// Returns `text` with tabs as spaces, newlines as spaces and unprintable characters escaped.
    public func clean(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)

        for character in text {
            if character == "\t" {
                output += "  "
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                output += " "
            } else if character.isASCII {
                if DisplayWidth.isPrintable(character) {
                    output.append(character)
                } else {
                    output += Self.escape(character)
                }
            } else if unicode && DisplayWidth.isPrintable(character) {
                output += Self.escapingInvisible(character)
            } else {
                output += Self.escape(character)
            }
        }
        return output
    }

    /// Returns `character` with its control and format scalars escaped and the others kept.
    /// wcwidth gives such scalars a width of 0, so without this they would reach the terminal raw.
    static func escapingInvisible(_ character: Character) -> String {
        var previous: Unicode.Scalar?
        var needsEscape = false
        for scalar in character.unicodeScalars {
            if InvisibleCharacters.shouldEscape(scalar, after: previous) {
                needsEscape = true
                break
            }
            previous = scalar
        }
        guard needsEscape else { return String(character) }
        return InvisibleCharacters.escaped(String(character))
    }

    /// Returns `\u{XXXX}` for each scalar of `character`, in upper-case hexadecimal.
    public static func escape(_ character: Character) -> String {
        var output = ""
        for scalar in character.unicodeScalars {
            output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
        return output
    }
}
