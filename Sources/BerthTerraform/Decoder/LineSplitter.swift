#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        let newlines: [Int] = bytes.withUnsafeBytes { buffer in
            var offsets: [Int] = []
            var index = 0
            while index < buffer.count {
                guard let found = memchr(buffer.baseAddress! + index, 0x0A, buffer.count - index) else { break }
                let offset = buffer.baseAddress!.distance(to: UnsafeRawPointer(found))
                offsets.append(offset)
                index = offset + 1
            }
            return offsets
        }

        var start = 0
        for newline in newlines {
            take(bytes, from: start, to: newline)
            finishLine(emit)
            start = newline + 1
        }
        take(bytes, from: start, to: bytes.count)
    }

    /// Hands the last line to `emit` when the stream ended without a newline.
    public mutating func finish(emit: (Piece) -> Void) {
        if !pending.isEmpty || pendingOverflow > 0 {
            finishLine(emit)
        }
    }

    private mutating func take(_ bytes: Data, from start: Int, to end: Int) {
        let count = end - start
        guard count > 0 else { return }
        if pendingOverflow > 0 || pending.count + count > maxLineBytes {
            pendingOverflow += pending.count + count
            pending.removeAll(keepingCapacity: false)
            return
        }
        let base = bytes.startIndex
        pending.append(bytes[(base + start)..<(base + end)])
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
