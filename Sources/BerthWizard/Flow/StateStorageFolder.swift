import BerthTerraform
import Foundation

/// The Terraform state storage of a blueprint folder: the local state file, Berth's own
/// backend file, and backend blocks in other files.
struct StateStorageFolder: Equatable {
    var localState: LocalStateFile?
    /// The settings of `berth_backend.tf`, when Berth wrote it.
    var ownBackend: S3BackendConfiguration?
    /// Backend or cloud blocks in files other than `berth_backend.tf`.
    var otherBlocks: [BackendBlockLocation] = []
    /// The first lines of the first other block, to show it as it is.
    var otherBlockExcerpt: String?
    /// A problem reading the folder, shown instead of the summary.
    var problem: String?

    /// Reads `folder`. A read failure is stored in `problem` instead of thrown, so the screen can always be drawn.
    static func read(_ folder: URL) -> StateStorageFolder {
        var found = StateStorageFolder()
        do {
            found.localState = try LocalStateFile.read(folder: folder)
            found.otherBlocks = try BackendBlockScanner.scan(folder: folder, excluding: [BackendFileWriter.fileName])
        } catch {
            found.problem = "\(error)"
        }
        if let first = found.otherBlocks.first {
            found.otherBlockExcerpt = excerpt(of: first, in: folder)
        }
        let own = folder.appendingPathComponent(BackendFileWriter.fileName)
        if let data = FileManager.default.contents(atPath: own.path) {
            found.ownBackend = S3BackendConfiguration(backendFileText: String(decoding: data, as: UTF8.self))
        }
        return found
    }

    /// Returns up to 12 lines of the block from its first line to the line that closes it.
    static func excerpt(of block: BackendBlockLocation, in folder: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(block.file).path) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard block.line >= 1, block.line <= lines.count else { return nil }
        var taken: [Substring] = []
        var depth = 0
        for line in lines[(block.line - 1)...] {
            taken.append(line)
            depth += line.filter { $0 == "{" }.count - line.filter { $0 == "}" }.count
            if depth <= 0 || taken.count == 12 { break }
        }
        return taken.joined(separator: "\n")
    }

    /// One line on where the state lives now.
    var summary: String {
        if let first = otherBlocks.first {
            return "\(first) (kept as it is)"
        }
        if let ownBackend {
            return "\(ownBackend.stateLocation) in \(ownBackend.region) (\(BackendFileWriter.fileName))"
        }
        return "local: terraform.tfstate in this folder"
    }

    /// The local state file in words.
    var localSummary: String {
        guard let localState, localState.hasResources else { return "no resources recorded yet" }
        return "terraform.tfstate records \(StateBucketMessages.resources(localState.resourceCount))"
    }

    /// True when writing a new backend would leave state behind unless it is copied.
    var hasStateToMove: Bool {
        (localState?.hasResources ?? false) || ownBackend != nil
    }
}
