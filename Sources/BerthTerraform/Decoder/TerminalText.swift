/// Cleans text meant for a terminal: colour and cursor escape sequences, and the `╷ │ ╵` frame
/// Terraform draws around diagnostics.
public enum TerminalText {
    /// Removes CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC \`) and two-byte escape
    /// sequences, and other control characters except tab.
    public static func stripEscapes(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            if scalar == "\u{1B}" {
                skipEscape(&iterator)
                continue
            }
            if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" {
                continue
            }
            if scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                continue
            }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// Strips escapes, then the frame characters at the start of a line and trailing spaces.
    public static func cleanLine(_ line: String) -> String {
        var text = Substring(stripEscapes(line))
        if let first = text.first, first == "╷" || first == "╵" || first == "│" {
            text = text.dropFirst()
            if text.first == " " {
                text = text.dropFirst()
            }
        }
        while let last = text.last, last == " " || last == "\r" || last == "\t" {
            text = text.dropLast()
        }
        return String(text)
    }

    /// Returns whether `text` contains `needle`, comparing UTF-8 bytes, because Foundation's
    /// `contains` bridges to NSString on Linux and is too slow for every line of a long stream.
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

    private static func skipEscape(_ iterator: inout String.UnicodeScalarView.Iterator) {
        guard let kind = iterator.next() else { return }
        switch kind {
        case "[":
            while let scalar = iterator.next() {
                if (0x40...0x7E).contains(scalar.value) { return }
            }
        case "]":
            var previous: Unicode.Scalar?
            while let scalar = iterator.next() {
                if scalar == "\u{07}" || (previous == "\u{1B}" && scalar == "\\") { return }
                previous = scalar
            }
        default:
            return
        }
    }
}
