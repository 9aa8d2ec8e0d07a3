import BerthTerraform
import Foundation

/// The data of the "State storage" screen: the S3 settings being typed, the problems found as
/// each field is left, the bucket check, and the folder's current state storage.
struct StateStorageDraft: Equatable {
    /// Field ids; the `state.` prefix keeps them apart from tfvars variable names.
    enum FieldID {
        static let bucket = "state.bucket"
        static let key = "state.key"
        static let region = "state.region"
        static let table = "state.dynamodb_table"
        static let all = [bucket, key, region, table]
    }

    /// Action ids of the screen and of the review screen's way in.
    enum ActionID {
        static let open = "state-storage"
        static let keepLocal = "state.keep-local"
        static let useS3 = "state.use-s3"
        static let check = "state.check"
        static let write = "state.write"
        static let migrate = "state.migrate"
        static let replaceRemote = "state.migrate-replace"
        static let done = "state.done"
    }

    /// The progress of the remote-state probe for the checked bucket, key and region.
    enum RemoteState: Equatable {
        case unknown
        case checking
        /// The resource addresses stored at the key; empty when no state is there yet.
        case stored([String])
        case failed(String)
    }

    /// True while the screen is on top of the review step.
    var isOpen = false
    /// True once the person chose S3; false keeps local state.
    var usesS3 = false
    var values: [String: String] = [:]
    var errors: [String: String] = [:]
    /// The bucket check for `checkedSettings`; nil before the first check.
    var bucket: BucketReachability?
    var bucketChecking = false
    var remote: RemoteState = .unknown
    /// The settings the bucket check and remote probe ran with.
    var checkedSettings: S3BackendConfiguration?
    /// A message about the last write or migration.
    var outcome: (text: String, style: TextStyle)?
    /// True after a write or migration succeeded on this visit.
    var changed = false
    /// The folder's state files and backend blocks, read when the screen opens and after each change.
    var folder = StateStorageFolder()

    static func == (left: StateStorageDraft, right: StateStorageDraft) -> Bool {
        left.isOpen == right.isOpen && left.usesS3 == right.usesS3 && left.values == right.values && left.errors == right.errors
            && left.bucket == right.bucket && left.bucketChecking == right.bucketChecking && left.remote == right.remote
            && left.checkedSettings == right.checkedSettings && left.outcome?.text == right.outcome?.text
            && left.changed == right.changed && left.folder == right.folder
    }

    /// Returns the settings typed so far, with `endpoint` as the configured S3 endpoint, if any.
    func configuration(endpoint: URL?) -> S3BackendConfiguration {
        let table = values[FieldID.table, default: ""].trimmingCharacters(in: .whitespaces)
        return S3BackendConfiguration(
            bucket: values[FieldID.bucket, default: ""].trimmingCharacters(in: .whitespaces),
            key: values[FieldID.key, default: ""].trimmingCharacters(in: .whitespaces),
            region: values[FieldID.region, default: ""].trimmingCharacters(in: .whitespaces),
            locking: table.isEmpty ? .lockfile : .dynamoDBTable(table),
            endpoint: endpoint.map { S3BackendConfiguration.EndpointOverride(url: $0) }
        )
    }

    /// Fills the fields from an earlier backend file, or with defaults for `serviceName` and `region`.
    mutating func prefill(existing: S3BackendConfiguration?, serviceName: String, region: String?) {
        if let existing {
            values[FieldID.bucket] = values[FieldID.bucket] ?? existing.bucket
            values[FieldID.key] = values[FieldID.key] ?? existing.key
            values[FieldID.region] = values[FieldID.region] ?? existing.region
            if case let .dynamoDBTable(table) = existing.locking {
                values[FieldID.table] = values[FieldID.table] ?? table
            }
            return
        }
        values[FieldID.key] = values[FieldID.key] ?? "ecs-blueprints/\(serviceName)/terraform.tfstate"
        values[FieldID.region] = values[FieldID.region] ?? region ?? ""
    }

    /// Validates one field by the S3 backend rules and stores its problem, or clears it.
    mutating func validate(_ id: String, engine: Engine?, endpoint: URL?) {
        let field: BackendConfigurationError.Field
        switch id {
        case FieldID.bucket: field = .bucket
        case FieldID.key: field = .key
        case FieldID.region: field = .region
        case FieldID.table: field = .dynamoDBTable
        default: return
        }
        let problems = configuration(endpoint: endpoint).problems(engine: engine)
        let own = problems.first { $0.field == field }
            ?? (id == FieldID.table ? problems.first { $0.field == .engine } : nil)
        errors[id] = own?.reason
    }

    /// Puts a failed bucket check on the field to change, so that the field shows it and plain
    /// mode prompts for that field again.
    mutating func markField(for reachability: BucketReachability, settings: S3BackendConfiguration) {
        switch reachability {
        case .missing:
            errors[FieldID.bucket] = "no bucket named \(settings.bucket) exists; create it or correct the name"
        case .denied:
            errors[FieldID.bucket] = "these credentials may not use \(settings.bucket); ask for access or choose another bucket"
        case let .wrongRegion(actual):
            errors[FieldID.region] = "\(settings.bucket) is in \(actual); enter \(actual)"
        case .reachable, .failed:
            break
        }
    }

    /// Validates every field; returns true when none has a problem.
    mutating func validateAll(engine: Engine?, endpoint: URL?) -> Bool {
        for id in FieldID.all {
            validate(id, engine: engine, endpoint: endpoint)
        }
        return FieldID.all.allSatisfy { errors[$0] == nil }
    }

    /// True when the bucket check and the remote probe passed for exactly these settings.
    func isChecked(_ settings: S3BackendConfiguration) -> Bool {
        guard checkedSettings == settings, bucket == .reachable, case .stored = remote else { return false }
        return true
    }

    /// The addresses stored at the key, once the probe has read them.
    var remoteAddresses: [String]? {
        if case let .stored(addresses) = remote { return addresses }
        return nil
    }
}
