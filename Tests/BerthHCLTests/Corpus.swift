import Foundation

/// The test files under `Corpus/`: one folder per case, plus `invalid/` for files that must fail.
enum Corpus {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    /// Case folders, sorted, without `invalid`.
    static var folders: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { $0 != "invalid" && !$0.hasPrefix(".") }.sorted().map { root.appendingPathComponent($0) }
    }

    static func files(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    static func folder(_ name: String) -> URL { root.appendingPathComponent(name) }

    static func data(_ folder: String, _ file: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(folder).appendingPathComponent(file))
    }
}
