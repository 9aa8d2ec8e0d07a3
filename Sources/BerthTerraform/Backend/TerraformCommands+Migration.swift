import Foundation

extension TerraformCommands {
    /// `init -migrate-state -force-copy`: moves the state to the backend now configured,
    /// answering yes to the copy prompt. Terraform rejects `-json` together with
    /// `-migrate-state`, so this run prints plain text, which the runner passes on as log lines.
    public func migrateStateArguments() -> [String] {
        ["init", "-migrate-state", "-force-copy"]
    }

    /// `state list`.
    public func stateListArguments() -> [String] {
        ["state", "list"]
    }

    /// Returns the resource addresses of the current state, in Terraform's order; empty when
    /// there is no state yet. Throws the failed run otherwise.
    public func stateAddresses(in folder: URL, environment: [String: String]) throws -> [String] {
        let output = try TerraformRunner(engine: engine).capture(stateListArguments(), in: folder, environment: environment)
        if output.exitCode == 0 {
            return String(decoding: output.stdout, as: UTF8.self)
                .split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
        if output.diagnostics.contains(where: { $0.detail.contains("No state file was found") || $0.summary.contains("No state file was found") }) {
            return []
        }
        throw StateListFailure(exitCode: output.exitCode, message: output.errorSummary)
    }

    /// Moves the state of `folder` to the S3 backend of `configuration`:
    /// 1. lists the state addresses under the current backend;
    /// 2. lists the addresses already stored at the bucket and key (`remoteStateAddresses`),
    ///    and stops when both lists are non-empty, because `-force-copy` would overwrite the
    ///    bucket's state with the folder's (unless `berth_backend.tf` already has these
    ///    settings, so that running the migration again is harmless, or the caller passes
    ///    `replacingRemoteState` after the person confirmed that the bucket's state may go);
    /// 3. writes `berth_backend.tf` (see `BackendFileWriter.write`);
    /// 4. runs `init -migrate-state -force-copy`, handing its events to `onEvent`, and
    ///    restores the earlier backend file when it fails;
    /// 5. lists the addresses again and throws unless they match the folder's state, or the
    ///    bucket's state when the folder had none (a team member joining).
    ///
    /// It never deletes a state file: Terraform leaves the local `terraform.tfstate` empty
    /// and keeps the earlier state in `terraform.tfstate.backup`.
    ///
    /// NOTE: only the current workspace is checked, although Terraform migrates every
    /// workspace, and a state written to the key between steps 2 and 4 is still overwritten.
    public func migrateState(
        to configuration: S3BackendConfiguration,
        in folder: URL,
        environment: [String: String],
        record: URL? = nil,
        replacingRemoteState: Bool = false,
        onEvent: (RunEvent) -> Void = { _ in }
    ) throws -> StateMigration {
        try configuration.validate(engine: engine)
        try BackendFileWriter.checkNoOtherBackend(in: folder)

        let before: [String]
        do {
            before = try stateAddresses(in: folder, environment: environment)
        } catch let failure as StateListFailure {
            throw StateMigrationError.listBeforeFailed(exitCode: failure.exitCode, message: failure.message)
        }

        let remote: [String]
        do {
            remote = try remoteStateAddresses(of: configuration, environment: environment)
        } catch let failure as RemoteStateCheckFailure {
            throw StateMigrationError.remoteCheckFailed(failure)
        }
        // When the folder already uses this very backend file, both lists read the same object.
        let backendFile = folder.appendingPathComponent(BackendFileWriter.fileName)
        let alreadyConfigured = (try? Data(contentsOf: backendFile)) == Data(configuration.backendFileContents().utf8)
        if !alreadyConfigured, !replacingRemoteState, !before.isEmpty, !remote.isEmpty {
            throw StateMigrationError.remoteStateExists(location: configuration.stateLocation, addresses: remote)
        }
        let expected = before.isEmpty ? remote : before

        let change = try BackendFileWriter.write(configuration, to: folder, engine: engine)

        var diagnostics: [Diagnostic] = []
        let code = try TerraformRunner(engine: engine).run(migrateStateArguments(), in: folder, environment: environment, record: record) { event in
            if case let .diagnostic(diagnostic) = event {
                diagnostics.append(diagnostic)
            }
            onEvent(event)
        }
        guard code == 0 else {
            let restored = (try? change.revert()) != nil
            let run = CapturedRun(exitCode: code, stdout: Data(), diagnostics: diagnostics)
            throw StateMigrationError.initFailed(exitCode: code, message: run.errorSummary, restored: restored)
        }

        let after: [String]
        do {
            after = try stateAddresses(in: folder, environment: environment)
        } catch let failure as StateListFailure {
            throw StateMigrationError.listAfterFailed(exitCode: failure.exitCode, message: failure.message)
        }

        let missing = Set(expected).subtracting(after).sorted()
        let unexpected = Set(after).subtracting(expected).sorted()
        guard missing.isEmpty, unexpected.isEmpty else {
            throw StateMigrationError.addressesDiffer(missing: missing, unexpected: unexpected)
        }
        return StateMigration(addressesBefore: before, addressesAfter: after, joinedExistingState: before.isEmpty && !remote.isEmpty, backendFile: change, initExitCode: code)
    }
}

/// A `terraform state list` run that failed for a reason other than a missing state.
public struct StateListFailure: Error, Equatable, CustomStringConvertible {
    public var exitCode: Int32
    public var message: String

    public var description: String {
        "terraform state list failed with exit code \(exitCode): \(message); run terraform init in the blueprint folder, then try again"
    }
}
