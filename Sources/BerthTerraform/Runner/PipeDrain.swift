#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reading a child's pipe to its end without ever blocking on it for long.
enum PipeDrain {
    /// Seconds a pipe is still read after the child exits, for output that a grandchild which
    /// inherited the pipe may still write. A detached grandchild cannot hold a run open longer.
    static let afterExitGrace: TimeInterval = 2

    /// Reads `fd` until end of file, or until `exitedAt()` returns a time more than
    /// `afterExitGrace` ago, handing each chunk to `onData` on the calling thread.
    static func read(_ fd: Int32, exitedAt: () -> Date?, onData: (Data) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, 100)
            if ready < 0 && errno != EINTR { return }
            if ready > 0 {
                let count = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
                if count == 0 { return }
                if count > 0 {
                    onData(Data(buffer[0..<count]))
                    continue
                }
                if errno != EINTR && errno != EAGAIN { return }
            }
            if let exit = exitedAt(), Date().timeIntervalSince(exit) > afterExitGrace {
                return
            }
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#else
private let systemRead = Darwin.read
#endif
