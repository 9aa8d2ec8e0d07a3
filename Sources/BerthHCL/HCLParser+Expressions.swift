extension HCLParser {
    private static let binaryOperators: [[String]] = [
        ["||"], ["&&"], ["==", "!="], ["<=", ">=", "<", ">"], ["+", "-"], ["*", "/", "%"],
    ]

    mutating func parseExpression() throws -> HCLExpression {
        try enter(at: position)
        defer { depth -= 1 }

        let condition = try parseBinary(level: 0)
        skipSpace()
        guard current == UInt8(ascii: "?") else { return condition }
        position += 1
        skipSpace()
        let whenTrue = try parseExpression()
        skipSpace()
        guard current == UInt8(ascii: ":") else {
            throw error("Missing false expression in conditional: expected \":\" after the true result, but found \(describeCurrent())", at: position)
        }
        position += 1
        skipSpace()
        let whenFalse = try parseExpression()
        return HCLExpression(kind: .conditional(condition, whenTrue, whenFalse), start: condition.start, end: whenFalse.end)
    }

    private mutating func matchOperator(_ candidates: [String]) -> String? {
        for candidate in candidates {
            let operatorBytes = candidate.utf8
            guard position + operatorBytes.count <= bytes.count,
                  zip(operatorBytes, bytes[position...]).allSatisfy({ $0 == $1 }) else { continue }
            let next = position + operatorBytes.count < bytes.count ? bytes[position + operatorBytes.count] : 0
            // `<=` must not be read as `<`, nor `/*` and `//` as division.
            if candidate == "<" || candidate == ">" { if next == UInt8(ascii: "=") { continue } }
            if candidate == "/" && (next == UInt8(ascii: "/") || next == UInt8(ascii: "*")) { continue }
            position += operatorBytes.count
            return candidate
        }
        return nil
    }

    mutating func parseBinary(level: Int) throws -> HCLExpression {
        guard level < Self.binaryOperators.count else { return try parseUnary() }
        var left = try parseBinary(level: level + 1)
        // Each operator in a chain counts as a level, because the tree it builds is that deep.
        let entryDepth = depth
        defer { depth = entryDepth }
        while true {
            let saved = position
            skipSpace()
            guard let symbol = matchOperator(Self.binaryOperators[level]) else {
                position = saved
                return left
            }
            skipSpace()
            try enter(at: position)
            let right = try parseBinary(level: level + 1)
            left = HCLExpression(kind: .binary(symbol, left, right), start: left.start, end: right.end)
        }
    }

    private mutating func parseUnary() throws -> HCLExpression {
        let start = position
        if let byte = current, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "!") {
            position += 1
            skipSpace()
            try enter(at: start)
            defer { depth -= 1 }
            let operand = try parseUnary()
            return HCLExpression(kind: .unary(String(UnicodeScalar(byte)), operand), start: start, end: operand.end)
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws -> HCLExpression {
        var expression = try parsePrimary()
        while let byte = current {
            if byte == UInt8(ascii: "."), let next = peek(1), next == UInt8(ascii: "*") || Self.isIdentifierStart(next) || Self.isDigit(next) {
                position += 1
                if current == UInt8(ascii: "*") { position += 1 } else if readIdentifier() == nil { _ = readDigits() }
            } else if byte == UInt8(ascii: "[") {
                position += 1
                let saved = ignoresNewlines
                ignoresNewlines = true
                skipSpace()
                if current == UInt8(ascii: "*") { position += 1 } else { _ = try parseExpression() }
                skipSpace()
                ignoresNewlines = saved
                guard current == UInt8(ascii: "]") else {
                    throw error("Missing close bracket on index: expected \"]\", but found \(describeCurrent())", at: position)
                }
                position += 1
            } else {
                break
            }
            if case .traversal = expression.kind {
                expression = HCLExpression(kind: .traversal(text(expression.start, position)), start: expression.start, end: position)
            } else {
                expression = HCLExpression(kind: .other, start: expression.start, end: position)
            }
        }
        return expression
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    mutating func readDigits() -> Bool {
        let start = position
        while let byte = current, Self.isDigit(byte) { position += 1 }
        return position > start
    }

    private mutating func parsePrimary() throws -> HCLExpression {
        let start = position
        guard let byte = current else {
            throw error("Missing expression: expected the start of an expression, but found the end of the file", at: position)
        }
        switch byte {
        case UInt8(ascii: "\""):
            return try parseQuoted(start: start)
        case UInt8(ascii: "<") where peek(1) == UInt8(ascii: "<") && !json:
            return try parseHeredoc(start: start)
        case _ where Self.isDigit(byte):
            return try parseNumber(start: start)
        case UInt8(ascii: "["):
            return try parseTuple(start: start)
        case UInt8(ascii: "{"):
            return try parseObject(start: start)
        case UInt8(ascii: "("):
            position += 1
            let saved = ignoresNewlines
            ignoresNewlines = true
            skipSpace()
            let inner = try parseExpression()
            skipSpace()
            ignoresNewlines = saved
            guard current == UInt8(ascii: ")") else {
                throw error("Unbalanced parentheses: expected \")\" to close the \"(\" at column \(lineAndColumn(of: start).1), but found \(describeCurrent())", at: position)
            }
            position += 1
            return HCLExpression(kind: .parenthesized(inner), start: start, end: position)
        case _ where Self.isIdentifierStart(byte):
            return try parseName(start: start)
        default:
            try checkUnterminatedComment()
            throw error("Invalid expression: expected the start of an expression (a string, number, bool, list or map), but found \(describeCurrent())", at: position)
        }
    }

    private mutating func parseName(start: Int) throws -> HCLExpression {
        guard var name = readIdentifier() else {
            throw error("Invalid expression: expected a name", at: start)
        }
        // Provider functions: provider::name::function(…)
        while current == UInt8(ascii: ":") && peek(1) == UInt8(ascii: ":") {
            position += 2
            name += "::" + (readIdentifier() ?? "")
        }
        switch name {
        case "true": return HCLExpression(kind: .literal(.bool(true)), start: start, end: position)
        case "false": return HCLExpression(kind: .literal(.bool(false)), start: start, end: position)
        case "null": return HCLExpression(kind: .literal(.null), start: start, end: position)
        default: break
        }
        guard current == UInt8(ascii: "(") else {
            return HCLExpression(kind: .traversal(name), start: start, end: position)
        }

        position += 1
        let saved = ignoresNewlines
        ignoresNewlines = true
        defer { ignoresNewlines = saved }
        var arguments: [HCLExpression] = []
        skipSpace()
        while current != UInt8(ascii: ")") {
            arguments.append(try parseExpression())
            skipSpace()
            if current == UInt8(ascii: "."), peek(1) == UInt8(ascii: "."), peek(2) == UInt8(ascii: ".") {
                position += 3
                skipSpace()
            }
            if current == UInt8(ascii: ",") {
                position += 1
                skipSpace()
            } else if current != UInt8(ascii: ")") {
                throw error("Missing argument separator: expected \",\" or \")\" in the call to \(name), but found \(describeCurrent())", at: position)
            }
        }
        position += 1
        return HCLExpression(kind: .call(name: name, arguments: arguments), start: start, end: position)
    }

    /// Reads `for x, y in collection :` up to the result, or returns false when this is not a `for`.
    private mutating func parseForHeader(closing: UInt8) throws -> Bool {
        let saved = position
        guard readIdentifier() == "for", let next = current, next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D else {
            position = saved
            return false
        }
        skipSpace()
        guard readIdentifier() != nil else {
            throw error("Invalid for expression: expected a variable name after \"for\"", at: position)
        }
        skipSpace()
        if current == UInt8(ascii: ",") {
            position += 1
            skipSpace()
            _ = readIdentifier()
            skipSpace()
        }
        guard readIdentifier() == "in" else {
            throw error("Invalid for expression: expected \"in\" after the iterator names", at: position)
        }
        skipSpace()
        _ = try parseExpression()
        skipSpace()
        guard current == UInt8(ascii: ":") else {
            throw error("Invalid for expression: expected \":\" after the collection, but found \(describeCurrent())", at: position)
        }
        position += 1
        skipSpace()
        _ = try parseExpression()
        skipSpace()
        if current == UInt8(ascii: "="), peek(1) == UInt8(ascii: ">") {
            position += 2
            skipSpace()
            _ = try parseExpression()
            skipSpace()
        }
        if current == UInt8(ascii: "."), peek(1) == UInt8(ascii: "."), peek(2) == UInt8(ascii: ".") {
            position += 3
            skipSpace()
        }
        let ifStart = position
        if readIdentifier() == "if" {
            skipSpace()
            _ = try parseExpression()
            skipSpace()
        } else {
            position = ifStart
        }
        guard current == closing else {
            throw error("Invalid for expression: expected \"\(String(UnicodeScalar(closing)))\" to close it, but found \(describeCurrent())", at: position)
        }
        position += 1
        return true
    }

    private mutating func parseTuple(start: Int) throws -> HCLExpression {
        position += 1
        let saved = ignoresNewlines
        ignoresNewlines = true
        defer { ignoresNewlines = saved }
        skipSpace()
        if try parseForHeader(closing: UInt8(ascii: "]")) {
            return HCLExpression(kind: .other, start: start, end: position)
        }

        var items: [HCLExpression] = []
        while current != UInt8(ascii: "]") {
            try checkUnterminatedComment()
            guard current != nil else {
                throw error("Unclosed list: expected \"]\" to close the list that starts at column \(lineAndColumn(of: start).1), but found the end of the file", at: position)
            }
            items.append(try parseExpression())
            skipSpace()
            if current == UInt8(ascii: ",") {
                position += 1
                skipSpace()
            } else if current != UInt8(ascii: "]") {
                throw error("Missing item separator: expected a comma between list items, but found \(describeCurrent())", at: position)
            }
        }
        position += 1
        return HCLExpression(kind: .tuple(items), start: start, end: position)
    }

    private mutating func parseObject(start: Int) throws -> HCLExpression {
        position += 1
        let saved = ignoresNewlines
        defer { ignoresNewlines = saved }
        ignoresNewlines = true
        skipSpace()
        if try parseForHeader(closing: UInt8(ascii: "}")) {
            return HCLExpression(kind: .other, start: start, end: position)
        }

        var members: [(key: HCLExpression, value: HCLExpression)] = []
        while current != UInt8(ascii: "}") {
            try checkUnterminatedComment()
            guard current != nil else {
                throw error("Unclosed map: expected \"}\" to close the map that starts at column \(lineAndColumn(of: start).1), but found the end of the file", at: position)
            }
            ignoresNewlines = false
            var key = try parseBinary(level: 6)
            if case .traversal(let name) = key.kind, !name.contains(".") && !name.contains("[") {
                key.kind = .literal(.string(name))
            }
            skipSpace()
            guard let separator = current, separator == UInt8(ascii: "=") || separator == UInt8(ascii: ":") else {
                throw error("Missing key/value separator: expected an equals sign (\"=\") to mark the start of the value, but found \(describeCurrent())", at: position)
            }
            position += 1
            skipSpace()
            let value = try parseExpression()
            members.append((key, value))
            skipSpace()
            if let byte = current, byte == UInt8(ascii: ",") || byte == 0x0A {
                position += 1
            } else if current != UInt8(ascii: "}") {
                throw error("Missing attribute separator: expected a newline or comma between map items, but found \(describeCurrent())", at: position)
            }
            ignoresNewlines = true
            skipSpace()
        }
        position += 1
        return HCLExpression(kind: .object(members), start: start, end: position)
    }
}
