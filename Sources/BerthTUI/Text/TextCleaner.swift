/// Turns arbitrary text (resource addresses, tag values, diagnostics) into
/// text that is safe to draw on one line.
///
/// Characters the terminal cannot show become `\u{…}` escapes: control
/// characters always, and every non-ASCII character when the locale is not
/// UTF-8 (ncurses would draw them as `?` or garbage there).
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
                output.append(character)
            } else {
                output += Self.escape(character)
            }
        }
        return output
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
