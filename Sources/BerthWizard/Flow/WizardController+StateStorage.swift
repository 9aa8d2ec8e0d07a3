import BerthAWS
import BerthTerraform
import Foundation

/// The "State storage" screen, opened from the review step: keep local state, or write an S3
/// backend file and, on request, copy the state to the bucket.
extension WizardController {
    private typealias FieldID = StateStorageDraft.FieldID
    private typealias ActionID = StateStorageDraft.ActionID

    // MARK: Intents

    /// Stores a typed value when `id` is a field of this screen; the caller holds the lock.
    func setStateStorageField(_ id: String, _ value: String) -> Bool {
        guard FieldID.all.contains(id) else { return false }
        storage.values[id] = value
        return true
    }

    /// Validates a field as it is left and, once every field is valid, checks the bucket.
    func commitStateStorageField(_ id: String) -> Bool {
        guard FieldID.all.contains(id) else { return false }
        var ready = false
        mutate { wizard in
            let engine = wizard.storageEngine()
            let endpoint = wizard.storageEndpoint()
            wizard.storage.validate(id, engine: engine, endpoint: endpoint)
            var copy = wizard.storage
            ready = copy.validateAll(engine: engine, endpoint: endpoint) && wizard.storage.checkedSettings != copy.configuration(endpoint: endpoint)
        }
        if ready { checkStateBucket() }
        return true
    }

    /// Runs the actions of this screen; returns false for any other id.
    func handleStateStorageAction(_ id: String) -> Bool {
        switch id {
        case ActionID.open: openStateStorage()
        case ActionID.useS3: mutate { $0.storage.usesS3 = true; $0.storage.outcome = nil }
        case ActionID.keepLocal, ActionID.done: mutate { $0.closeStateStorage() }
        case ActionID.check: checkStateBucket()
        case ActionID.write, ActionID.migrate: changeBackend(replacingRemote: false)
        case ActionID.replaceRemote: changeBackend(replacingRemote: true)
        default: return false
        }
        return true
    }

    /// Closes the screen and shows the review again (Esc or a Keep action). The caller holds the lock.
    func closeStateStorage() {
        storage.isOpen = false
        storage.usesS3 = false
        storage.outcome = nil
        notice = nil
    }

    private func openStateStorage() {
        mutate { wizard in
            guard wizard.step == .review, !wizard.running else { return }
            wizard.storage.folder = StateStorageFolder.read(wizard.configuration.folder)
            let serviceName = wizard.form?.values["service_name"] ?? wizard.answers["service_name"] ?? "ecsdemo-backend"
            wizard.storage.prefill(existing: wizard.storage.folder.ownBackend, serviceName: serviceName.isEmpty ? "ecsdemo-backend" : serviceName, region: wizard.settings.region)
            wizard.storage.isOpen = true
            wizard.storage.changed = false
            wizard.storage.outcome = nil
            wizard.notice = nil
        }
    }

    // MARK: Checks and changes

    /// The engine the engine check found, for the version rules of `use_lockfile`.
    func storageEngine() -> Engine? {
        guard let facts = results["engine"]?.facts, let path = facts["engine_path"], let name = facts["engine"],
              let version = facts["engine_version"].flatMap(EngineVersion.init) else { return nil }
        return Engine(path: path, name: name, version: version)
    }

    private func bucketProbe() -> AWSStateBucketProbe? {
        (configuration.account.services as? BerthAWSServices).map { AWSStateBucketProbe(client: AWSClient(resolved: $0.resolved)) }
    }

    /// S3's configured endpoint (an emulator or S3-compatible storage), which the backend file must name too.
    func storageEndpoint() -> URL? {
        let region = storage.values[FieldID.region] ?? settings.region ?? "us-east-1"
        return bucketProbe()?.endpointOverride(region: region.isEmpty ? "us-east-1" : region)
    }

    /// HeadBucket, then the state stored at the key, in the background.
    func checkStateBucket() {
        var target: S3BackendConfiguration?
        var engine: Engine?
        mutate { wizard in
            engine = wizard.storageEngine()
            let endpoint = wizard.storageEndpoint()
            guard wizard.storage.validateAll(engine: engine, endpoint: endpoint) else { return }
            let settings = wizard.storage.configuration(endpoint: endpoint)
            wizard.storage.checkedSettings = settings
            wizard.storage.bucket = nil
            wizard.storage.bucketChecking = true
            wizard.storage.remote = .unknown
            target = settings
        }
        guard let target else { return }
        let probe = bucketProbe()
        let checkEngine = engine
        let environment = configuration.terraformEnvironment(region: settings.region)

        DispatchQueue.global().async { [weak self] in
            let reachability = probe?.probe(bucket: target.bucket, region: target.region) ?? .failed("Berth has no AWS credentials to ask S3 with; fix the identity step first")
            self?.mutate { wizard in
                guard wizard.storage.checkedSettings == target else { return }
                wizard.storage.bucket = reachability
                wizard.storage.bucketChecking = false
                wizard.storage.markField(for: reachability, settings: target)
                wizard.storage.remote = reachability == .reachable ? .checking : .unknown
            }
            guard reachability == .reachable else { return }

            let remote: StateStorageDraft.RemoteState
            if let checkEngine {
                do {
                    remote = .stored(try TerraformCommands(engine: checkEngine).remoteStateAddresses(of: target, environment: environment))
                } catch {
                    remote = .failed(TokenPattern.mask("\(error)"))
                }
            } else {
                remote = .failed("no Terraform engine was found, so Berth cannot read the state at the key; install Terraform or pass --engine PATH")
            }
            self?.mutate { wizard in
                guard wizard.storage.checkedSettings == target else { return }
                wizard.storage.remote = remote
            }
        }
    }

    /// Writes `berth_backend.tf` and runs `init -migrate-state -force-copy`, after a copy of
    /// the local state file went to `.berth/state-backups/`.
    private func changeBackend(replacingRemote: Bool) {
        var target: S3BackendConfiguration?
        var engine: Engine?
        mutate { wizard in
            engine = wizard.storageEngine()
            guard let settings = wizard.storage.checkedSettings, wizard.storage.isChecked(settings),
                  settings == wizard.storage.configuration(endpoint: wizard.storageEndpoint()), engine != nil else {
                wizard.storage.outcome = ("Check the bucket first: Berth writes the backend only for settings it has checked.", .error)
                return
            }
            wizard.busy = "Moving the Terraform state to \(settings.stateLocation)…"
            target = settings
        }
        guard let target, let engine else { return }
        let folder = configuration.folder
        let environment = configuration.terraformEnvironment(region: settings.region)
        let now = configuration.now()

        DispatchQueue.global().async { [weak self] in
            var outcome: (String, TextStyle)
            do {
                let local = try LocalStateFile.read(folder: folder)
                let backup = local.hasResources ? try local.backUp(at: now) : nil
                let migration = try TerraformCommands(engine: engine).migrateState(to: target, in: folder, environment: environment, replacingRemoteState: replacingRemote)
                outcome = (Self.migrationMessage(migration, target: target, backup: backup, folder: folder), .success)
            } catch {
                outcome = ("Berth did not change the state storage: \(TokenPattern.mask("\(error)"))", .error)
            }
            self?.mutate { wizard in
                wizard.busy = nil
                wizard.storage.folder = StateStorageFolder.read(folder)
                wizard.storage.outcome = outcome
                if outcome.1 == .success {
                    wizard.storage.changed = true
                    wizard.storage.checkedSettings = nil
                    wizard.storage.remote = .unknown
                    wizard.storage.bucket = nil
                }
            }
        }
    }

    private static func migrationMessage(_ migration: StateMigration, target: S3BackendConfiguration, backup: URL?, folder: URL) -> String {
        var parts = ["Wrote \(BackendFileWriter.fileName): Terraform now keeps this blueprint's state at \(target.stateLocation) (\(target.region))."]
        if migration.joinedExistingState {
            parts.append("The bucket already held a state with \(StateBucketMessages.resources(migration.addressesAfter.count)); this folder now uses it.")
        } else if !migration.addressesBefore.isEmpty {
            parts.append("Copied \(StateBucketMessages.resources(migration.addressesAfter.count)); terraform state list reads the same addresses from the bucket.")
        }
        if let backup {
            let relative = backup.path.hasPrefix(folder.path + "/") ? String(backup.path.dropFirst(folder.path.count + 1)) : backup.path
            parts.append("The local state is kept in \(relative) and terraform.tfstate.backup.")
        }
        return parts.joined(separator: " ")
    }

    // MARK: Screen

    /// Returns the review screen's row on where the state is kept. The caller holds the lock.
    func stateStorageReviewRow() -> KeyValueRow {
        KeyValueRow("Terraform state", StateStorageFolder.read(configuration.folder).summary)
    }

    /// Draws the screen. The caller holds the lock.
    func fillStateStorage(_ screen: inout Screen) {
        let folder = storage.folder
        screen.id = "state-storage"
        screen.title = "State storage"
        screen.blocks = [
            .paragraph("Terraform records what it deployed in a state file. Local state stays in this folder; an S3 bucket lets a team share it, with a lock so that two runs never write it at once.", .normal),
            .table([KeyValueRow("State now", folder.summary), KeyValueRow("Local state", folder.localSummary)]),
        ]
        if let problem = folder.problem {
            screen.blocks.append(.paragraph(problem, .error))
        }
        if let first = folder.otherBlocks.first {
            screen.blocks.append(.paragraph("This folder already declares \(first). Terraform allows one backend, so Berth leaves it as it is and writes no other; remove that block first to use the settings below.", .warning))
            if let excerpt = folder.otherBlockExcerpt {
                screen.blocks.append(.paragraph(excerpt, .dim))
            }
        }
        if let outcome = storage.outcome {
            screen.blocks.append(.paragraph(outcome.text, outcome.style))
        }
        guard storage.usesS3, !storage.changed else {
            let keep = folder.ownBackend != nil || !folder.otherBlocks.isEmpty ? "Keep the current backend" : "Keep local state"
            screen.actions = storage.changed
                ? [ScreenAction(id: ActionID.done, label: "Back to review", isDefault: true)]
                : [ScreenAction(id: ActionID.keepLocal, label: keep, isDefault: true),
                   ScreenAction(id: ActionID.useS3, label: folder.ownBackend == nil ? "Use an S3 bucket" : "Change the S3 settings")]
            return
        }

        screen.fields = stateStorageFields()
        screen.blocks.append(.checks(stateStorageRows()))
        screen.actions = stateStorageActions()
        if storage.bucketChecking || storage.remote == .checking {
            screen.busy = screen.busy ?? "Checking the bucket…"
        }
    }

    private func stateStorageFields() -> [FormField] {
        let engine = storageEngine()
        // A probe configuration with valid names, so only the engine's version can fail it.
        let lockfileSupported = engine.map { S3BackendConfiguration(bucket: "abc", key: "k", region: "us-east-1").problems(engine: $0).isEmpty } ?? true
        let lockHelp: String
        if let engine, !lockfileSupported {
            lockHelp = "\(engine.displayName) has no S3 lock files, so name an existing DynamoDB table whose partition key is LockID (a string)."
        } else {
            lockHelp = "Leave empty to lock with an S3 lock file (use_lockfile, Terraform 1.10 or later), or name an existing DynamoDB table whose partition key is LockID."
        }
        func field(_ id: String, _ label: String, _ help: String, required: Bool) -> FormField {
            FormField(id: id, label: label, value: storage.values[id] ?? "", help: help, required: required, error: storage.errors[id])
        }
        return [
            field(FieldID.bucket, "S3 bucket", "An existing bucket, ideally with versioning on so earlier states can be restored.", required: true),
            field(FieldID.key, "State key", "The state object's path in the bucket; one key per blueprint and service.", required: true),
            field(FieldID.region, "Bucket region", "The bucket's own region; it may differ from the deploy region.", required: true),
            field(FieldID.table, "DynamoDB lock table", lockHelp, required: !lockfileSupported),
        ]
    }

    private func stateStorageRows() -> [CheckRow] {
        let settings = storage.checkedSettings
        let bucketName = settings?.bucket ?? storage.values[FieldID.bucket] ?? ""
        var bucketRow = CheckRow(id: "state.bucket", title: "Bucket", status: .pending, detail: "checked once every field is valid")
        if storage.bucketChecking {
            bucketRow.status = .running
            bucketRow.detail = "HeadBucket \(bucketName)…"
        } else if let reachability = storage.bucket, let settings {
            bucketRow = StateBucketMessages.row(reachability, settings: settings, profile: self.settings.profile)
        }

        var keyRow = CheckRow(id: "state.key", title: "State at the key", status: .pending, detail: "read once the bucket is reachable")
        switch storage.remote {
        case .unknown:
            break
        case .checking:
            keyRow.status = .running
            keyRow.detail = "terraform init and state list in a scratch folder…"
        case let .failed(message):
            keyRow.status = .fail
            keyRow.detail = message
        case let .stored(addresses):
            keyRow = StateBucketMessages.keyRow(addresses, settings: settings, folder: storage.folder)
        }
        return [bucketRow, keyRow]
    }

    private func stateStorageActions() -> [ScreenAction] {
        let folder = storage.folder
        var actions: [ScreenAction] = []
        guard let settings = storage.checkedSettings, storage.isChecked(settings), folder.otherBlocks.isEmpty else {
            actions.append(ScreenAction(id: ActionID.check, label: "Check bucket", enabled: !storage.bucketChecking, isDefault: true))
            actions.append(ScreenAction(id: ActionID.keepLocal, label: "Keep the current state storage"))
            return actions
        }

        // The folder's own backend file already names these settings: the state at the key is
        // this folder's, so there is nothing to write, move or replace.
        if folder.ownBackend == settings {
            actions.append(ScreenAction(id: ActionID.keepLocal, label: "Keep the current state storage", isDefault: true))
            actions.append(ScreenAction(id: ActionID.check, label: "Check bucket"))
            return actions
        }

        let path = configuration.folder.appendingPathComponent(BackendFileWriter.fileName).path
        let lock = StateBucketMessages.lockDescription(settings.locking)
        let replacing = folder.ownBackend.map { " It replaces the current \(BackendFileWriter.fileName), which points at \($0.stateLocation)." } ?? ""
        let remote = storage.remoteAddresses ?? []
        let local = folder.localState?.resourceCount ?? 0

        if !folder.hasStateToMove {
            let joining = remote.isEmpty ? "" : " The bucket already holds a state with \(StateBucketMessages.resources(remote.count)) at this key; the next plan will use it."
            actions.append(ScreenAction(id: ActionID.write, label: "Write backend file", confirmation: "Write \(path) so that Terraform keeps this blueprint's state at \(settings.stateLocation) (region \(settings.region), locking: \(lock)), then run terraform init?\(replacing)\(joining)", isDefault: true))
        } else {
            let source = folder.localState?.hasResources == true ? "the local state (\(StateBucketMessages.resources(local)) in terraform.tfstate)" : "the state at \(folder.ownBackend?.stateLocation ?? "the current backend")"
            let backup = folder.localState?.hasResources == true ? " A copy of terraform.tfstate goes to .berth/state-backups/ first, and Terraform keeps terraform.tfstate.backup." : ""
            if remote.isEmpty {
                actions.append(ScreenAction(id: ActionID.migrate, label: "Move state to S3", confirmation: "Write \(path) (state at \(settings.stateLocation), region \(settings.region), locking: \(lock)) and copy \(source) there with terraform init -migrate-state?\(replacing)\(backup)", isDefault: true))
            } else {
                // NOTE: Berth keeps no copy of the bucket's state it replaces; only S3 versioning can restore it.
                actions.append(ScreenAction(id: ActionID.replaceRemote, label: "Replace the bucket's state", confirmation: "\(settings.stateLocation) already holds a different state with \(StateBucketMessages.resources(remote.count)) (\(remote.prefix(3).joined(separator: ", "))\(remote.count > 3 ? ", …" : "")). Overwrite it with \(source) and write \(path)? The bucket's current state is lost unless the bucket keeps versions.\(backup)"))
            }
        }
        actions.append(ScreenAction(id: ActionID.check, label: "Check bucket"))
        actions.append(ScreenAction(id: ActionID.keepLocal, label: "Keep the current state storage"))
        return actions
    }
}
