import Foundation

/// Byte-level checks on files before they are parsed.
enum Encoding {
    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Throws a "re-save as UTF-8" error for UTF-16 text, found by its byte-order mark or by NUL bytes.
    static func rejectUTF16(_ bytes: [UInt8], file: String) throws {
        let hasBOM = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        guard hasBOM || bytes.contains(0) else { return }
        let kind = hasBOM ? "UTF-16 (it starts with a UTF-16 byte-order mark)" : "UTF-16 or binary (it contains NUL bytes)"
        throw HCLParseError(
            file: file, line: 1, column: 1,
            message: "Unsupported file encoding: the file is \(kind), and Terraform reads only UTF-8. Re-save it as UTF-8 (in PowerShell: Set-Content -Encoding utf8, or your editor's \"Save with encoding\")")
    }

    /// Decodes file bytes as UTF-8 after checking for UTF-16, keeping a BOM if there is one.
    static func decode(_ data: Data, file: String) throws -> String {
        let bytes = [UInt8](data)
        try rejectUTF16(bytes, file: file)
        guard let text = String(validatingUTF8CString: bytes) else {
            let (offset, line, column) = firstInvalidUTF8(bytes)
            let hex = String(bytes[offset], radix: 16, uppercase: true)
            throw HCLParseError(file: file, line: line, column: column,
                                message: "Invalid UTF-8: byte 0x\(hex.count == 1 ? "0" + hex : hex) at offset \(offset) is not valid UTF-8 text. Re-save the file as UTF-8.")
        }
        return text
    }

    /// Returns the byte offset, 1-based line and 1-based byte column of the first invalid UTF-8
    /// sequence in `bytes`, which must contain one.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (offset: Int, line: Int, column: Int) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var line = 1
        var lineStart = 0
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if scalar == "\n" {
                line += 1
                lineStart = offset + 1
            }
            offset += UTF8.width(scalar)
        }
        return (min(offset, bytes.count - 1), line, offset - lineStart + 1)
    }

    /// Returns the first line ending in the text, or LF when it has none.
    static func lineEnding(of bytes: [UInt8]) -> String {
        guard let newline = bytes.firstIndex(of: 0x0A) else { return "\n" }
        return newline > 0 && bytes[newline - 1] == 0x0D ? "\r\n" : "\n"
    }
}

extension String {
    /// Strict UTF-8 decoding of bytes that contain no NUL.
    init?(validatingUTF8CString bytes: [UInt8]) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        self = String(scalars)
    }
}

extension HCLExpression {
    /// Returns the value of a literal expression. Anything else becomes `.expression` with its source text.
    func value(in bytes: [UInt8]) -> HCLValue {
        let source = { String(decoding: bytes[min(start, bytes.count)..<min(end, bytes.count)], as: UTF8.self) }
        switch kind {
        case .literal(let value):
            return value
        case .parenthesized(let inner):
            let value = inner.value(in: bytes)
            if case .expression = value { return .expression(source()) }
            return value
        case .tuple(let items):
            return .tuple(items.map { $0.value(in: bytes) })
        case .object(let members):
            var result: [HCLObjectMember] = []
            for member in members {
                switch member.key.value(in: bytes) {
                case .string(let key), .number(let key): result.append(HCLObjectMember(key: key, value: member.value.value(in: bytes)))
                case .bool(let flag): result.append(HCLObjectMember(key: flag ? "true" : "false", value: member.value.value(in: bytes)))
                default: return .expression(source())
                }
            }
            return .object(result)
        case .unary("-", let operand):
            if case .number(let digits) = operand.value(in: bytes) {
                return .number(digits.hasPrefix("-") ? String(digits.dropFirst()) : "-" + digits)
            }
            return .expression(source())
        default:
            return .expression(source())
        }
    }
}
