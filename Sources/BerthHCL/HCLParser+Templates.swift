extension HCLParser {
    mutating func parseNumber(start: Int) throws -> HCLExpression {
        _ = readDigits()
        if current == UInt8(ascii: "."), let next = peek(1), Self.isDigit(next) {
            position += 1
            _ = readDigits()
        }
        if let byte = current, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            let saved = position
            position += 1
            if let sign = current, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            if !readDigits() { position = saved }
        }
        return HCLExpression(kind: .literal(.number(text(start, position))), start: start, end: position)
    }

    /// Parses a quoted string: a literal when it has no interpolation or directive.
    mutating func parseQuoted(start: Int) throws -> HCLExpression {
        position += 1
        var literal: [UInt8] = []
        var isTemplate = false
        while true {
            guard let byte = current, byte != 0x0A else {
                throw error("Unterminated template string: no closing quote (\") was found for the string that starts here", at: start)
            }
            if byte == UInt8(ascii: "\"") {
                position += 1
                break
            }
            if byte == UInt8(ascii: "\\") {
                try readEscape(into: &literal)
                continue
            }
            if try readTemplateSequence(into: &literal) { isTemplate = true }
        }
        let kind: HCLExpression.Kind = isTemplate ? .other : .literal(.string(String(decoding: literal, as: UTF8.self)))
        return HCLExpression(kind: kind, start: start, end: position)
    }

    /// Reads `$${`, `%%{` (literal), or a `${…}` / `%{…}` sequence. Returns true for the latter.
    private mutating func readTemplateSequence(into literal: inout [UInt8]) throws -> Bool {
        guard !json, let byte = current, byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%") else {
            if let byte = current {
                literal.append(byte)
                position += 1
            }
            return false
        }
        if peek(1) == byte && peek(2) == UInt8(ascii: "{") {
            literal.append(contentsOf: [byte, UInt8(ascii: "{")])
            position += 3
            return false
        }
        guard peek(1) == UInt8(ascii: "{") else {
            literal.append(byte)
            position += 1
            return false
        }

        let start = position
        position += 2
        let saved = ignoresNewlines
        ignoresNewlines = true
        defer { ignoresNewlines = saved }
        if current == UInt8(ascii: "~") { position += 1 }
        skipSpace()
        if byte == UInt8(ascii: "$") {
            _ = try parseExpression()
        } else {
            try readDirective()
        }
        skipSpace()
        if current == UInt8(ascii: "~") { position += 1 }
        guard current == UInt8(ascii: "}") else {
            throw error("Unterminated template sequence: expected \"}\" to close the \(String(UnicodeScalar(byte))){ that starts here. Write \(String(UnicodeScalar(byte)))\(String(UnicodeScalar(byte))){ for a literal \(String(UnicodeScalar(byte))){", at: start)
        }
        position += 1
        return true
    }

    // NOTE: directives are checked one at a time; an `if` without `endif` is left to Terraform.
    private mutating func readDirective() throws {
        switch readIdentifier() {
        case "if":
            skipSpace()
            _ = try parseExpression()
        case "for":
            skipSpace()
            _ = readIdentifier()
            skipSpace()
            if current == UInt8(ascii: ",") {
                position += 1
                skipSpace()
                _ = readIdentifier()
                skipSpace()
            }
            guard readIdentifier() == "in" else {
                throw error("Invalid template directive: expected \"in\" in the for directive", at: position)
            }
            skipSpace()
            _ = try parseExpression()
        case "else", "endif", "endfor":
            break
        default:
            throw error("Invalid template directive: expected if, else, endif, for or endfor after %{. Write %%{ for a literal %{.", at: position)
        }
    }

    private mutating func readEscape(into literal: inout [UInt8]) throws {
        let start = position
        position += 1
        guard let selector = current else {
            throw error("Unterminated template string: the string ends after a backslash", at: start)
        }
        position += 1
        switch selector {
        case UInt8(ascii: "n"): literal.append(0x0A)
        case UInt8(ascii: "r"): literal.append(0x0D)
        case UInt8(ascii: "t"): literal.append(0x09)
        case UInt8(ascii: "\""): literal.append(0x22)
        case UInt8(ascii: "\\"): literal.append(0x5C)
        case UInt8(ascii: "/") where json: literal.append(0x2F)
        case UInt8(ascii: "b") where json: literal.append(0x08)
        case UInt8(ascii: "f") where json: literal.append(0x0C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            if json && selector == UInt8(ascii: "U") {
                throw error("Invalid escape sequence: \"\\U\" is not a JSON escape. Use \\u with 4 hexadecimal digits.", at: start)
            }
            let high = try readHex(digits: selector == UInt8(ascii: "u") ? 4 : 8, escapeStart: start)
            var scalarValue = high
            if (0xD800...0xDBFF).contains(high), current == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "u") {
                position += 2
                let low = try readHex(digits: 4, escapeStart: start)
                scalarValue = 0x10000 &+ ((high &- 0xD800) << 10) &+ (low &- 0xDC00)
            }
            guard let scalar = UnicodeScalar(scalarValue) else {
                throw error("Invalid escape sequence: it does not name a valid Unicode character", at: start)
            }
            literal.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            let name = String(decoding: [selector], as: UTF8.self)
            throw error("Invalid escape sequence: \"\\\(name)\" is not a valid escape. Write \\\\ for a backslash.", at: start)
        }
    }

    private mutating func readHex(digits: Int, escapeStart: Int) throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let byte = current, let digit = Self.hexValue(byte) else {
                throw error("Invalid escape sequence: expected \(digits) hexadecimal digits after \\\(digits == 4 ? "u" : "U"). Write \\\\ for a literal backslash.", at: escapeStart)
            }
            value = value &* 16 &+ digit
            position += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x41...0x46: return UInt32(byte - 0x41 + 10)
        case 0x61...0x66: return UInt32(byte - 0x61 + 10)
        default: return nil
        }
    }

    /// Parses `<<EOT` or `<<-EOT` up to its closing marker, which may be indented and may end in CR.
    mutating func parseHeredoc(start: Int) throws -> HCLExpression {
        position += 2
        let strips = current == UInt8(ascii: "-")
        if strips { position += 1 }
        guard let marker = readIdentifier() else {
            throw error("Invalid heredoc: expected a marker name such as EOT after \"<<\"", at: start)
        }
        if current == 0x0D { position += 1 }
        guard current == 0x0A else {
            throw error("Invalid heredoc: the marker \(marker) must be followed by a newline, but found \(describeCurrent())", at: position)
        }
        position += 1

        let markerBytes = Array(marker.utf8)
        var literal: [UInt8] = []
        var isTemplate = false
        var atLineStart = true
        while true {
            if atLineStart, let end = closingMarkerEnd(markerBytes) {
                position = end
                break
            }
            guard let byte = current else {
                throw error("Unterminated heredoc: no line with only \(marker) closes the heredoc that starts here", at: start)
            }
            atLineStart = byte == 0x0A
            if try readTemplateSequence(into: &literal) { isTemplate = true }
        }

        if isTemplate {
            return HCLExpression(kind: .other, start: start, end: position)
        }
        let text = strips ? Self.removeIndentation(literal) : literal
        return HCLExpression(kind: .literal(.string(String(decoding: text, as: UTF8.self))), start: start, end: position)
    }

    /// Returns the offset after the marker when the line at `position` is the closing marker.
    private func closingMarkerEnd(_ marker: [UInt8]) -> Int? {
        var index = position
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard index + marker.count <= bytes.count, Array(bytes[index..<index + marker.count]) == marker else { return nil }
        let end = index + marker.count
        var after = end
        while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 || bytes[after] == 0x0D { after += 1 }
        guard after >= bytes.count || bytes[after] == 0x0A else { return nil }
        return end
    }

    /// Removes the smallest indentation of the lines that are not blank, as `<<-` does.
    static func removeIndentation(_ literal: [UInt8]) -> [UInt8] {
        var lines: [[UInt8]] = literal.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        let isBlank: ([UInt8]) -> Bool = { $0.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
        let indents = lines.filter { !isBlank($0) }.map { line in line.prefix { $0 == 0x20 || $0 == 0x09 }.count }
        guard let smallest = indents.min(), smallest > 0 else { return literal }
        for index in lines.indices where !isBlank(lines[index]) {
            lines[index].removeFirst(smallest)
        }
        return Array(lines.joined(separator: [0x0A]))
    }
}
