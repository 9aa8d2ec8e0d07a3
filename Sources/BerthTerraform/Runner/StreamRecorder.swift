#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a run's raw stdout bytes to a file such as `.berth/runs/<time>-<phase>.jsonl`.
/// A write failure stops the recording but never the run.
final class StreamRecorder {
    private var fd: Int32

    init(_ url: URL) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RunnerError.recordUnwritable(path: url.path, reason: error.localizedDescription)
        }
        fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw RunnerError.recordUnwritable(path: url.path, reason: String(cString: strerror(errno)))
        }
    }

    deinit {
        close()
    }

    func write(_ data: Data) {
        guard fd >= 0 else { return }
        let ok = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
        if !ok {
            close()
        }
    }

    func close() {
        if fd >= 0 {
            _ = systemClose(fd)
            fd = -1
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
private let systemClose = Glibc.close
#else
private let systemWrite = Darwin.write
private let systemClose = Darwin.close
#endif
