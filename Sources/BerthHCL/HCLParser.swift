import Foundation

/// A recursive-descent parser over UTF-8 bytes for the HCL native syntax that `variables.tf`
/// and `.tfvars` files use, and for JSON when `json` is set.
struct HCLParser {
    static let maximumDepth = 100

    let bytes: [UInt8]
    let file: String
    /// JSON mode: strings are literal (no templates) and JSON escapes are accepted.
    let json: Bool
    var position = 0
    var depth = 0
    var ignoresNewlines = false
    /// Offsets where each line starts, for positions in errors and attributes.
    let lineStarts: [Int]

    init(bytes: [UInt8], file: String, json: Bool = false) {
        self.bytes = bytes
        self.file = file
        self.json = json
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// Parses a whole file as a body.
    static func parseBody(_ bytes: [UInt8], file: String) throws -> HCLBody {
        try Encoding.rejectUTF16(bytes, file: file)
        var parser = HCLParser(bytes: bytes, file: file)
        return try parser.parseBody(closedByBrace: false)
    }

    /// Parses text that contains exactly one expression.
    static func parseExpression(_ bytes: [UInt8], file: String, json: Bool = false) throws -> HCLExpression {
        try Encoding.rejectUTF16(bytes, file: file)
        var parser = HCLParser(bytes: bytes, file: file, json: json)
        parser.ignoresNewlines = true
        parser.skipSpace()
        let expression = try parser.parseExpression()
        parser.skipSpace()
        guard parser.position >= bytes.count else {
            throw parser.error("Extra characters after expression: only one value is expected here", at: parser.position)
        }
        return expression
    }

    // MARK: Positions and errors

    func error(_ message: String, at offset: Int) -> HCLParseError {
        let (line, column) = lineAndColumn(of: offset)
        return HCLParseError(file: file, line: line, column: column, message: message)
    }

    /// Returns the 1-based line and column (in characters) of a byte offset.
    func lineAndColumn(of offset: Int) -> (Int, Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var start = lineStarts[low]
        if low == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = min(3, bytes.count) }
        var column = 1
        var index = start
        while index < min(offset, bytes.count) {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (low + 1, column)
    }

    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var column = 1
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let limit = min(offset, bytes.count)
        while index < limit {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[max(0, start)..<min(end, bytes.count)], as: UTF8.self)
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    func peek(_ offset: Int) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    func describeCurrent() -> String {
        guard let byte = current else { return "the end of the file" }
        if byte == 0x0A || byte == 0x0D { return "a newline" }
        if Self.isIdentifierStart(byte) {
            var end = position
            while end < bytes.count, end - position < 40, Self.isIdentifierPart(bytes[end]) { end += 1 }
            return "\"\(text(position, end))\""
        }
        let end = min(bytes.count, position + (byte < 0x80 ? 1 : 4))
        let character = String(decoding: bytes[position..<end], as: UTF8.self).first.map(String.init) ?? "?"
        return "\"\(character)\""
    }

    // MARK: Whitespace and comments

    /// Skips blanks and comments, and newlines too when `ignoresNewlines` is set.
    mutating func skipSpace() {
        skip(newlines: ignoresNewlines)
    }

    mutating func skip(newlines: Bool) {
        while let byte = current {
            switch byte {
            case 0x20, 0x09, 0x0D:
                position += 1
            case 0x0A where newlines:
                position += 1
            case UInt8(ascii: "#"):
                skipLineComment()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                skipLineComment()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                guard skipBlockComment() else { return }
            default:
                return
            }
        }
    }

    mutating func skipLineComment() {
        while let byte = current, byte != 0x0A { position += 1 }
    }

    /// Returns false, leaving the position at `/*`, when the comment is unterminated.
    mutating func skipBlockComment() -> Bool {
        var index = position + 2
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/") {
                position = index + 2
                return true
            }
            index += 1
        }
        return false
    }

    mutating func checkUnterminatedComment() throws {
        if current == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
            throw error("Unterminated comment: there is no \"*/\" to close the comment that starts here", at: position)
        }
    }

    // MARK: Identifiers

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte >= 0x80
    }

    static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
    }

    mutating func readIdentifier() -> String? {
        guard let first = current, Self.isIdentifierStart(first) else { return nil }
        let start = position
        while let byte = current, Self.isIdentifierPart(byte) { position += 1 }
        return text(start, position)
    }

    mutating func enter(at offset: Int) throws {
        depth += 1
        if depth > Self.maximumDepth {
            throw error("Nesting too deep: values nested more than \(Self.maximumDepth) levels are not supported. Flatten the value.", at: offset)
        }
    }

    // MARK: Bodies

    mutating func parseBody(closedByBrace: Bool) throws -> HCLBody {
        try enter(at: position)
        defer { depth -= 1 }
        var body = HCLBody()
        let savedNewlines = ignoresNewlines
        ignoresNewlines = false
        defer { ignoresNewlines = savedNewlines }

        while true {
            skip(newlines: true)
            try checkUnterminatedComment()
            guard let byte = current else {
                if closedByBrace {
                    throw error("Unclosed configuration block: there is no closing brace \"}\" for this block before the end of the file", at: position)
                }
                return body
            }
            if byte == UInt8(ascii: "}") && closedByBrace {
                position += 1
                return body
            }

            let nameStart = position
            guard let name = readIdentifier() else {
                throw error("Argument or block definition required: expected a name such as aws_region = \"us-west-2\", but found \(describeCurrent())", at: position)
            }
            skip(newlines: false)

            if current == UInt8(ascii: "=") && peek(1) != UInt8(ascii: "=") {
                position += 1
                skip(newlines: false)
                let expression = try parseExpression()
                let (line, column) = lineAndColumn(of: nameStart)
                body.attributes.append(HCLAttribute(name: name, expression: expression, nameStart: nameStart, line: line, column: column))
            } else {
                body.blocks.append(try parseBlock(type: name, start: nameStart))
            }
            try expectEndOfItem(closedByBrace: closedByBrace, what: "argument")
        }
    }

    mutating func parseBlock(type: String, start: Int) throws -> HCLBlock {
        var labels: [String] = []
        while let byte = current, byte != UInt8(ascii: "{") {
            if byte == UInt8(ascii: "\"") {
                let label = try parseQuoted(start: position)
                guard case .literal(.string(let value)) = label.kind else {
                    throw error("Invalid block label: a block label must be a plain string without interpolation", at: label.start)
                }
                labels.append(value)
            } else if let label = readIdentifier() {
                labels.append(label)
            } else {
                throw error("Invalid block definition: expected \"=\" to set an argument, or a quoted label or \"{\" to open a block, but found \(describeCurrent())", at: position)
            }
            skip(newlines: false)
        }
        guard current == UInt8(ascii: "{") else {
            throw error("Invalid block definition: expected \"{\" to open the \"\(type)\" block, but found \(describeCurrent())", at: position)
        }
        position += 1
        let body = try parseBody(closedByBrace: true)
        return HCLBlock(type: type, labels: labels, body: body, line: lineAndColumn(of: start).0)
    }

    mutating func expectEndOfItem(closedByBrace: Bool, what: String) throws {
        skip(newlines: false)
        try checkUnterminatedComment()
        guard let byte = current else { return }
        if byte == 0x0A {
            position += 1
            return
        }
        if byte == UInt8(ascii: "}") && closedByBrace { return }
        throw error("Missing newline after \(what): an \(what) must end with a newline, but found \(describeCurrent())", at: position)
    }
}
