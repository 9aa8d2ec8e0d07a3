import Foundation

/// The outcome of a state migration whose addresses matched before and after.
public struct StateMigration: Equatable, Sendable {
    /// `terraform state list` before the migration, under the earlier backend.
    public var addressesBefore: [String]
    /// `terraform state list` after the migration, under the new backend.
    public var addressesAfter: [String]
    /// True when the folder had no state and the bucket already stored one at the key, so
    /// the folder now uses the team's existing state and nothing was copied.
    public var joinedExistingState: Bool
    /// The backend file that was written, with its earlier contents.
    public var backendFile: BackendFileChange
    /// The exit code of `init -migrate-state -force-copy` (0).
    public var initExitCode: Int32
}

/// The reasons a state migration stopped. None of them deletes a state file: the local
/// `terraform.tfstate` and its `.backup` stay where Terraform left them.
public enum StateMigrationError: Error, Equatable, CustomStringConvertible {
    /// `state list` failed before anything was changed.
    case listBeforeFailed(exitCode: Int32, message: String)
    /// Reading the state already stored at the bucket and key failed; nothing was changed.
    case remoteCheckFailed(RemoteStateCheckFailure)
    /// Both the folder and the bucket store a state, and `-force-copy` would overwrite the
    /// bucket's; nothing was changed.
    case remoteStateExists(location: String, addresses: [String])
    /// `init -migrate-state` failed; `restored` is true when the earlier backend file was put back.
    case initFailed(exitCode: Int32, message: String, restored: Bool)
    /// `state list` failed under the new backend after `init` succeeded.
    case listAfterFailed(exitCode: Int32, message: String)
    /// The new backend's state lists other addresses than the earlier one did.
    case addressesDiffer(missing: [String], unexpected: [String])

    public var description: String {
        switch self {
        case let .listBeforeFailed(code, message):
            return "terraform state list failed with exit code \(code) before the migration: \(message); nothing was changed. Run terraform init in the blueprint folder, then try again"
        case let .remoteCheckFailed(failure):
            return "\(failure); nothing was changed"
        case let .remoteStateExists(location, addresses):
            return "\(location) already stores a state with \(addresses.count) resources (\(addresses.prefix(3).joined(separator: ", "))\(addresses.count > 3 ? ", …" : "")), and this folder has its own; copying would overwrite the team's state, so nothing was changed. Choose another key, or, if the folder's state is an old copy, move terraform.tfstate away and run the migration again to use the team's state"
        case let .initFailed(code, message, restored):
            let file = restored
                ? "Berth restored the earlier \(BackendFileWriter.fileName), so the state stays where it was"
                : "Berth could not restore the earlier \(BackendFileWriter.fileName); remove or fix it before the next run"
            return "terraform init -migrate-state failed with exit code \(code): \(message). \(file). Check the bucket, region and credentials, then try again"
        case let .listAfterFailed(code, message):
            return "terraform state list failed with exit code \(code) after the migration: \(message). The local terraform.tfstate.backup still holds the earlier state; check access to the bucket before the next apply"
        case let .addressesDiffer(missing, unexpected):
            var parts: [String] = []
            if !missing.isEmpty {
                parts.append("missing from the remote state: \(missing.joined(separator: ", "))")
            }
            if !unexpected.isEmpty {
                parts.append("only in the remote state: \(unexpected.joined(separator: ", "))")
            }
            return "the remote state does not list the same resources as the local state (\(parts.joined(separator: "; "))). Do not apply; the local terraform.tfstate.backup still holds the earlier state, so compare the two before going on"
        }
    }
}
