import Foundation

/// A new empty folder under the system temporary directory, removed with its contents when
/// this object is released or `remove()` is called.
public final class TemporaryFolder: @unchecked Sendable {
    public let url: URL

    /// Creates `berth-test-<prefix>-<uuid>` in the temporary directory.
    public init(prefix: String = "folder") throws {
        let name = "berth-test-\(prefix)-\(UUID().uuidString)"
        url = FileManager.default.temporaryDirectory.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        remove()
    }

    /// Returns the path of `name` inside this folder.
    public func file(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    /// Writes `text` as UTF-8 to `name` inside this folder, creating subfolders, and returns its URL.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> URL {
        let target = file(name)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
        return target
    }

    /// Reads `name` inside this folder as UTF-8.
    public func read(_ name: String) throws -> String {
        try String(contentsOf: file(name), encoding: .utf8)
    }

    /// Removes the folder and everything in it; later calls do nothing.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
