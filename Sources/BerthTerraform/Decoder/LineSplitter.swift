import Foundation

/// Splits a byte stream into lines, in time linear in the input. A line longer than
/// `maxLineBytes` is not kept: it is reported by its length only.
public struct LineSplitter {
    public enum Piece: Equatable {
        case line(Data)
        case overlong(byteCount: Int)
    }

    public let maxLineBytes: Int
    private var pending = Data()
    private var pendingOverflow = 0

    /// 8 MiB: enough for a large `outputs` line, small enough to keep one line in memory.
    public init(maxLineBytes: Int = 8 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    /// Adds `bytes` and hands each line it completes, without its `\n` or `\r\n`, to `emit`.
    public mutating func append(_ bytes: Data, emit: (Piece) -> Void) {
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: 0x0A) {
            take(bytes[start..<newline])
            finishLine(emit)
            start = newline + 1
        }
        take(bytes[start...])
    }

    /// Hands the last line to `emit` when the stream ended without a newline.
    public mutating func finish(emit: (Piece) -> Void) {
        if !pending.isEmpty || pendingOverflow > 0 {
            finishLine(emit)
        }
    }

    private mutating func take(_ part: Data) {
        guard !part.isEmpty else { return }
        if pendingOverflow > 0 || pending.count + part.count > maxLineBytes {
            pendingOverflow += pending.count + part.count
            pending.removeAll(keepingCapacity: false)
            return
        }
        pending.append(part)
    }

    private mutating func finishLine(_ emit: (Piece) -> Void) {
        if pendingOverflow > 0 {
            emit(.overlong(byteCount: pendingOverflow))
        } else {
            if pending.last == 0x0D {
                pending.removeLast()
            }
            emit(.line(pending))
        }
        pending = Data()
        pendingOverflow = 0
    }
}
