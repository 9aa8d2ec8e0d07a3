import Foundation

/// Checks on captured tmux screens shared by the terminal tests.
enum TerminalScreenChecks {
    /// Returns the parameter lists of every SGR sequence (`ESC [ … m`) in `text`.
    static func sgrParameterLists(in text: String) -> [[Int]] {
        var lists: [[Int]] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "[" else {
                index += 1
                continue
            }
            var end = index + 2
            while end < scalars.count, !(scalars[end].value >= 0x40 && scalars[end].value <= 0x7E) {
                end += 1
            }
            guard end < scalars.count else { break }
            if scalars[end] == "m" {
                let parameters = String(String.UnicodeScalarView(scalars[(index + 2)..<end]))
                lists.append(parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 })
            }
            index = end + 1
        }
        return lists
    }

    /// Returns the SGR sequences (`ESC [ … m`) in `text` that set a foreground or background colour.
    ///
    /// Default colours (39, 49) and plain attributes (bold, dim, reverse, underline) are not colours.
    static func colourSequences(in text: String) -> [String] {
        sgrParameterLists(in: text)
            .filter { list in list.contains { isColourParameter($0) } }
            .map { list in list.map(String.init).joined(separator: ";") }
    }

    private static func isColourParameter(_ number: Int) -> Bool {
        switch number {
        case 30...37, 40...47, 90...97, 100...107, 38, 48:
            return true
        default:
            return false
        }
    }

    /// Returns the characters in `screen` outside printable ASCII (newlines allowed).
    static func nonASCII(in screen: String) -> [Character] {
        screen.filter { character in
            guard let value = character.asciiValue else { return true }
            return character != "\n" && (value < 0x20 || value == 0x7F)
        }.map { $0 }
    }

    /// Counts the question marks that are not part of Berth's own text (`? help`, the `[?]` marker):
    /// what a terminal draws for a character it cannot show.
    static func strayQuestionMarks(in screen: String) -> Int {
        screen.replacingOccurrences(of: "? help", with: "")
            .replacingOccurrences(of: "[?]", with: "")
            .filter { $0 == "?" }.count
    }

    /// Returns the screen's rows without trailing blanks.
    static func rows(_ screen: String) -> [String] {
        var rows = screen.components(separatedBy: "\n")
        if rows.last == "" {
            rows.removeLast()
        }
        return rows.map { row in
            var trimmed = Substring(row)
            while trimmed.last == " " {
                trimmed = trimmed.dropLast()
            }
            return String(trimmed)
        }
    }

    /// Returns the last row that is not blank.
    static func lastNonBlankRow(_ screen: String) -> String {
        rows(screen).last { !$0.isEmpty } ?? ""
    }

    /// Returns the display width of `row`: East Asian wide characters count two columns.
    static func width(of row: String) -> Int {
        row.unicodeScalars.reduce(0) { total, scalar in
            total + (isWide(scalar) ? 2 : 1)
        }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
