/// Draws a diagnostic's source lines as plain text, with `^` under the highlighted part.
/// The engine's byte offsets are clamped to the code and moved to character boundaries, so
/// bad offsets or multi-byte characters never crash or split a character.
public enum SnippetRenderer {
    /// Lines such as `on main.tf line 8, in resource "x" "y":`, `   8:   provisioner …` and
    /// the marker line; empty when the diagnostic has no snippet.
    public static func lines(for diagnostic: Diagnostic) -> [String] {
        guard let snippet = diagnostic.snippet else { return [] }
        var result: [String] = []

        let file = diagnostic.range?.filename ?? ""
        let line = diagnostic.range?.line ?? snippet.startLine
        let place = file.isEmpty ? "on line \(line)" : "on \(file) line \(line)"
        if let context = snippet.context, !context.isEmpty {
            result.append("\(place), in \(context):")
        } else {
            result.append("\(place):")
        }

        let codeBytes = snippet.code.utf8.count
        let start = min(max(snippet.highlightStart, 0), codeBytes)
        let end = min(max(snippet.highlightEnd, start), codeBytes)

        var offset = 0
        let codeLines = snippet.code.split(separator: "\n", omittingEmptySubsequences: false)
        let numberWidth = String(snippet.startLine + codeLines.count).count
        for (index, codeLine) in codeLines.enumerated() {
            let text = String(codeLine)
            let number = String(snippet.startLine + index)
            let gutter = String(repeating: " ", count: max(0, numberWidth - number.count)) + number + ": "
            result.append("  " + gutter + TerminalText.stripEscapes(text))

            let lineStart = offset
            let lineEnd = offset + text.utf8.count
            let touches = start == end
                ? (lineStart...lineEnd).contains(start)
                : max(start, lineStart) < min(end, lineEnd)
            if touches {
                result.append("  " + String(repeating: " ", count: gutter.count) + marker(for: text, from: start - lineStart, to: end - lineStart))
            }
            offset = lineEnd + 1
        }
        return result
    }

    /// Spaces (tabs kept) up to the first highlighted character, then one `^` per highlighted
    /// character, at least one. Offsets are relative to the line and may lie outside it.
    static func marker(for text: String, from start: Int, to end: Int) -> String {
        let length = text.utf8.count
        let clampedStart = min(max(start, 0), length)
        let clampedEnd = min(end, length)

        var padding = ""
        var carets = 0
        var position = 0
        for character in text {
            let size = character.utf8.count
            if position + size <= clampedStart {
                padding.append(character == "\t" ? "\t" : " ")
            } else if position < clampedEnd {
                carets += 1
            }
            position += size
        }
        return padding + String(repeating: "^", count: max(carets, 1))
    }
}
