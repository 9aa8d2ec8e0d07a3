#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes the S3 backend settings to `berth_backend.tf` in a blueprint folder.
public enum BackendFileWriter {
    /// The file Berth owns; it is created or replaced as a whole.
    public static let fileName = "berth_backend.tf"

    /// Validates `configuration`, checks that no other configuration file of `folder`
    /// declares a backend or cloud block, and writes the file atomically (a temporary file
    /// in the same folder, then a rename). Returns what was there before, so a caller can
    /// undo the change.
    @discardableResult
    public static func write(_ configuration: S3BackendConfiguration, to folder: URL, engine: Engine? = nil) throws -> BackendFileChange {
        try configuration.validate(engine: engine)
        try checkNoOtherBackend(in: folder)

        let url = folder.appendingPathComponent(fileName)
        let previous = FileManager.default.fileExists(atPath: url.path) ? try Data(contentsOf: url) : nil
        try replaceAtomically(url, with: Data(configuration.backendFileContents().utf8))
        return BackendFileChange(url: url, previousContents: previous)
    }

    /// Throws `BackendFileError.otherBackend` when a configuration file of `folder` other than
    /// `berth_backend.tf` declares a backend or cloud block.
    public static func checkNoOtherBackend(in folder: URL) throws {
        let others = try BackendBlockScanner.scan(folder: folder, excluding: [fileName])
        if let first = others.first {
            throw BackendFileError.otherBackend(first, all: others)
        }
    }

    /// Writes `data` to a temporary file beside `url`, then renames it over `url`, so a
    /// reader sees either the old or the new file and never a part of one.
    static func replaceAtomically(_ url: URL, with data: Data) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw BackendFileError.writeFailed(path: url.path, reason: error.localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw BackendFileError.writeFailed(path: url.path, reason: reason)
        }
    }
}

/// The backend file as it was before `BackendFileWriter.write` replaced it.
public struct BackendFileChange: Equatable, Sendable {
    /// The path of `berth_backend.tf`.
    public var url: URL
    /// The file's earlier contents; nil when the file did not exist.
    public var previousContents: Data?

    /// Restores the earlier file, or removes the file when there was none.
    public func revert() throws {
        if let previousContents {
            try BackendFileWriter.replaceAtomically(url, with: previousContents)
        } else if FileManager.default.fileExists(atPath: url.path) {
            do {
                try FileManager.default.removeItem(at: url)
            } catch {
                throw BackendFileError.writeFailed(path: url.path, reason: error.localizedDescription)
            }
        }
    }
}

/// The reasons `BackendFileWriter` did not write the backend file.
public enum BackendFileError: Error, Equatable, CustomStringConvertible {
    /// Another configuration file declares a backend; Terraform allows one per configuration.
    case otherBackend(BackendBlockLocation, all: [BackendBlockLocation])
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .otherBackend(first, all):
            let more = all.count > 1 ? " (and \(all.count - 1) more)" : ""
            return "the blueprint already declares \(first)\(more); Terraform allows one backend per configuration, so Berth did not write \(BackendFileWriter.fileName). Remove that block to let Berth manage the remote state, or keep your own backend and skip this step"
        case let .writeFailed(path, reason):
            return "could not write \(path): \(reason); check the folder's permissions and free space"
        }
    }
}
