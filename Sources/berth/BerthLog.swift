import BerthWizard
import Foundation

/// Berth's own log file, written only when `--log` or `BERTH_LOG` names one. Lines are masked for tokens.
final class BerthLog {
    private let handle: FileHandle?

    init(path: String?) {
        guard let path, !path.isEmpty else {
            handle = nil
            return
        }
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        handle = FileHandle(forWritingAtPath: path)
        handle?.seekToEndOfFile()
    }

    func write(_ line: String) {
        guard let handle else { return }
        let stamp = ISO8601DateFormatter().string(from: Date())
        handle.write(Data("\(stamp) \(TokenPattern.mask(line))\n".utf8))
    }
}
