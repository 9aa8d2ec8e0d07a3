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
    /// 2. writes `berth_backend.tf` (see `BackendFileWriter.write`);
    /// 3. runs `init -migrate-state -force-copy`, handing its events to `onEvent`, and
    ///    restores the earlier backend file when it fails;
    /// 4. lists the addresses again and throws unless they are the same.
    ///
    /// It never deletes a state file: Terraform leaves the local `terraform.tfstate` empty
    /// and keeps the earlier state in `terraform.tfstate.backup`.
    ///
    /// NOTE: `-force-copy` overwrites a state object that already exists at the bucket and key,
    /// so callers must check that the key is free (S3 HeadObject) before calling this. Only the
    /// current workspace's addresses are compared, although Terraform migrates every workspace.
    public func migrateState(
        to configuration: S3BackendConfiguration,
        in folder: URL,
        environment: [String: String],
        record: URL? = nil,
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

        let missing = Set(before).subtracting(after).sorted()
        let unexpected = Set(after).subtracting(before).sorted()
        guard missing.isEmpty, unexpected.isEmpty else {
            throw StateMigrationError.addressesDiffer(missing: missing, unexpected: unexpected)
        }
        return StateMigration(addressesBefore: before, addressesAfter: after, backendFile: change, initExitCode: code)
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
