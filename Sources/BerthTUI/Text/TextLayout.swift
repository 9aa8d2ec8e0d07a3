/// Fits text into columns: truncation on grapheme boundaries and word wrap,
/// both by display width.
public enum TextLayout {
    /// The mark that ends truncated text.
    public static let ellipsis: Character = "…"

    /// Returns `text` cut to at most `width` columns, ending in `…` when it was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: Character = TextLayout.ellipsis) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width {
            return text
        }

        let ellipsisWidth = DisplayWidth.of(ellipsis)
        let budget = width - ellipsisWidth
        guard budget >= 0 else { return "" }

        var output = ""
        var used = 0
        for character in text {
            let characterWidth = DisplayWidth.of(character)
            if used + characterWidth > budget {
                break
            }
            output.append(character)
            used += characterWidth
        }
        output.append(ellipsis)
        return output
    }

    /// Returns `text` cut from the left to at most `width` columns, starting with `…` when cut.
    /// Used for resource addresses, whose end names the resource.
    public static func truncateHead(_ text: String, to width: Int, ellipsis: Character = TextLayout.ellipsis) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width {
            return text
        }

        let budget = width - DisplayWidth.of(ellipsis)
        guard budget >= 0 else { return "" }

        var kept: [Character] = []
        var used = 0
        for character in text.reversed() {
            let characterWidth = DisplayWidth.of(character)
            if used + characterWidth > budget {
                break
            }
            kept.append(character)
            used += characterWidth
        }
        return String(ellipsis) + String(kept.reversed())
    }

    /// Returns `text` padded with spaces on the right to exactly `width` columns (truncated first if longer).
    public static func pad(_ text: String, to width: Int) -> String {
        let fitted = truncate(text, to: width)
        let missing = width - DisplayWidth.of(fitted)
        return missing > 0 ? fitted + String(repeating: " ", count: missing) : fitted
    }

    /// Splits `text` into lines of at most `width` columns.
    ///
    /// Lines break at spaces where possible; a word wider than `width` is
    /// split between grapheme clusters. Newlines in `text` start new lines,
    /// and an empty paragraph gives an empty line. `clean` runs on each
    /// paragraph first so nothing unprintable reaches the terminal.
    public static func wrap(_ text: String, width: Int, cleaner: TextCleaner = TextCleaner(unicode: true)) -> [String] {
        guard width > 0 else { return [] }

        var lines: [String] = []
        let normalized = text.replacingCRLF()
        for paragraph in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += wrapParagraph(cleaner.clean(String(paragraph)), width: width)
        }
        return lines
    }

    private static func wrapParagraph(_ paragraph: String, width: Int) -> [String] {
        let trimmed = paragraph.trimmingTrailingSpaces()
        if trimmed.isEmpty {
            return [""]
        }

        // Leading spaces are kept so indented detail lines (a lock's "  ID: …") keep their shape.
        let indent = String(trimmed.prefix { $0 == " " })
        let words = trimmed.dropFirst(indent.count).split(separator: " ", omittingEmptySubsequences: true)

        var lines: [String] = []
        var line = DisplayWidth.of(indent) < width ? indent : ""
        var lineWidth = DisplayWidth.of(line)
        var atLineStart = true

        for wordSlice in words {
            var word = String(wordSlice)
            var wordWidth = DisplayWidth.of(word)
            let separator = atLineStart ? 0 : 1

            if lineWidth + separator + wordWidth <= width {
                line += (separator == 1 ? " " : "") + word
                lineWidth += separator + wordWidth
                atLineStart = false
                continue
            }

            if !atLineStart {
                lines.append(line)
                line = ""
                lineWidth = 0
                atLineStart = true
            }

            // A word too wide for a whole line is split between grapheme clusters.
            while wordWidth > width - lineWidth {
                var head = ""
                var headWidth = 0
                var rest = Substring(word)
                while let character = rest.first, lineWidth + headWidth + DisplayWidth.of(character) <= width {
                    head.append(character)
                    headWidth += DisplayWidth.of(character)
                    rest = rest.dropFirst()
                }
                if head.isEmpty, let character = rest.first {
                    // A character wider than the line itself goes on a line of its own.
                    head = String(character)
                    rest = rest.dropFirst()
                }
                lines.append(line + head)
                line = ""
                lineWidth = 0
                word = String(rest)
                wordWidth = DisplayWidth.of(word)
            }

            if !word.isEmpty {
                line += word
                lineWidth += wordWidth
                atLineStart = false
            }
        }

        if !line.isEmpty {
            lines.append(line)
        }
        return lines
    }
}

extension String {
    func replacingCRLF() -> String {
        var output = ""
        for character in self {
            if character == "\r\n" || character == "\r" {
                output.append("\n")
            } else {
                output.append(character)
            }
        }
        return output
    }

    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " {
            copy.removeLast()
        }
        return copy
    }
}
