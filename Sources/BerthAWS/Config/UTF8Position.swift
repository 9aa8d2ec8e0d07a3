/// The position of the first byte that is not valid UTF-8 in a file, for messages that name it.
public struct UTF8Position: Sendable, Equatable {
    /// The 0-based byte offset of the first byte of the bad sequence.
    public var offset: Int
    /// The 1-based line, counting LF bytes before `offset`.
    public var line: Int
    /// The 1-based byte column on that line.
    public var column: Int
    /// The byte at `offset`.
    public var byte: UInt8

    /// Returns the position of the first invalid UTF-8 sequence in `bytes`, or nil when all of it is valid.
    public static func firstInvalid<Bytes: Collection>(in bytes: Bytes) -> UTF8Position? where Bytes.Element == UInt8 {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var line = 1
        var lineStart = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    lineStart = offset + 1
                }
                offset += UTF8.width(scalar)
            case .emptyInput:
                break loop
            case .error:
                let byte = bytes[bytes.index(bytes.startIndex, offsetBy: offset)]
                return UTF8Position(offset: offset, line: line, column: offset - lineStart + 1, byte: byte)
            }
        }
        return nil
    }

    /// The position in words, such as `byte 0xFF at offset 12 (line 2, column 3)`.
    public var description: String {
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x\(hex.count == 1 ? "0" + hex : hex) at offset \(offset) (line \(line), column \(column))"
    }
}
