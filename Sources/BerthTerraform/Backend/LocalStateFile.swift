import Foundation

/// The local `terraform.tfstate` of a blueprint folder, read without running Terraform.
public struct LocalStateFile: Equatable, Sendable {
    /// The state file's name in the folder.
    public static let fileName = "terraform.tfstate"

    /// The path of `terraform.tfstate`.
    public var url: URL
    /// The number of resource blocks the state records; 0 when the file is missing or empty.
    public var resourceCount: Int
    /// The state's lineage, when the file has one.
    public var lineage: String?

    /// Reads the state file of `folder`. A missing or empty file (Terraform empties it after a
    /// migration) reads as no resources; a file that is not JSON throws.
    public static func read(folder: URL) throws -> LocalStateFile {
        let url = folder.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path), !data.isEmpty else {
            return LocalStateFile(url: url, resourceCount: 0, lineage: nil)
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw LocalStateError.unreadable(path: url.path)
        }
        let resources = object["resources"] as? [[String: Any]] ?? []
        let instances = resources.reduce(0) { count, resource in
            count + max((resource["instances"] as? [Any])?.count ?? 1, 1)
        }
        return LocalStateFile(url: url, resourceCount: instances, lineage: object["lineage"] as? String)
    }

    /// True when the folder keeps resources in its local state, so that switching backends
    /// without a migration would leave them behind.
    public var hasResources: Bool { resourceCount > 0 }

    /// Copies the state file to `folder/.berth/state-backups/terraform.tfstate.<time>` and returns
    /// the copy's path. The copy never replaces an earlier one.
    public func backUp(at date: Date) throws -> URL {
        let backups = url.deletingLastPathComponent().appendingPathComponent(".berth/state-backups")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let stamp = formatter.string(from: date)

        do {
            try FileManager.default.createDirectory(at: backups, withIntermediateDirectories: true)
            var copy = backups.appendingPathComponent("\(Self.fileName).\(stamp)")
            var counter = 1
            while FileManager.default.fileExists(atPath: copy.path) {
                counter += 1
                copy = backups.appendingPathComponent("\(Self.fileName).\(stamp)-\(counter)")
            }
            try FileManager.default.copyItem(at: url, to: copy)
            return copy
        } catch {
            throw LocalStateError.backupFailed(path: url.path, reason: error.localizedDescription)
        }
    }
}

/// The reasons `LocalStateFile` could not read or copy a state file.
public enum LocalStateError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case backupFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path):
            return "\(path) is not a Terraform state file (it is not JSON); move it aside or restore it from terraform.tfstate.backup before changing the backend"
        case let .backupFailed(path, reason):
            return "could not copy \(path) to .berth/state-backups: \(reason); nothing was changed. Check the folder's permissions and free space"
        }
    }
}
