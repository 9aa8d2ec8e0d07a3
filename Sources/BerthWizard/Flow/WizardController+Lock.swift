import BerthTerraform
import Foundation

/// An engine that can release a state lock with `force-unlock -force ID`.
public protocol StateUnlocking: AnyObject {
    /// Runs `force-unlock -force ID` for `lock` in `folder` and returns its captured output.
    func forceUnlock(_ lock: StateLockInfo, folder: URL, environment: [String: String]) throws -> CapturedRun
}

extension TerraformDeployEngine: StateUnlocking {
    public func forceUnlock(_ lock: StateLockInfo, folder: URL, environment: [String: String]) throws -> CapturedRun {
        try TerraformCommands(engine: engine).forceUnlock(lock, in: folder, environment: environment)
    }
}

/// The progress of the state lock flow on a failed run screen.
struct StateLockProgress {
    /// The lock ID the person confirmed no other run holds; only then is "Force unlock" offered.
    var confirmedID: String?
    var unlocking = false
    /// The outcome of the last force-unlock, shown under the lock.
    var outcome: (String, TextStyle)?
}

extension WizardController {
    /// The action ids of the lock flow.
    enum LockAction {
        static let confirm = "lock.confirm-no-other-run"
        static let forceUnlock = "lock.force-unlock"
    }

    /// Adds what the failed run's diagnostics mean: the lock holder with the unlock
    /// actions, a known cause with its fix, and after a stop which resources finished.
    /// The caller holds the lock and has set the retry action.
    func appendRunHelp(to screen: inout Screen) {
        guard let snapshot = runSnapshot, let failure = runFailure else { return }

        if snapshot.result == .interrupted || snapshot.phase == .interrupted || failure.hasPrefix("Apply was stopped") {
            screen.blocks.append(contentsOf: interruptedApplyBlocks(snapshot))
        }

        let known = KnownFailure.recognize(snapshot.diagnostics)
        if let known, !failure.contains(known.explanation) {
            screen.blocks.append(.paragraph(TokenPattern.mask("\(known.explanation) Next: \(known.fix)"), .warning))
        }
        guard case let .stateLocked(lock)? = known else { return }

        var rows = [KeyValueRow("Lock ID", lock.id)]
        rows.append(KeyValueRow("Who", lock.who ?? "(not given)"))
        rows.append(KeyValueRow("Operation", lock.operation ?? "(not given)"))
        rows.append(KeyValueRow("Created", lock.created ?? "(not given)"))
        if let path = lock.path {
            rows.append(KeyValueRow("Path", path))
        }
        screen.blocks.append(.table(rows))
        if let (text, style) = stateLock.outcome {
            screen.blocks.append(.paragraph(text, style))
        }
        guard !running, !stateLock.unlocking else { return }

        if stateLock.confirmedID == lock.id {
            screen.actions.insert(ScreenAction(
                id: LockAction.forceUnlock,
                label: "Force unlock",
                confirmation: "Run terraform force-unlock -force \(lock.id) now?"
            ), at: 0)
        } else {
            screen.actions.insert(ScreenAction(
                id: LockAction.confirm,
                label: "No other run is active",
                confirmation: """
                Confirm that no other Terraform run uses this state, not on this machine and not in CI: \
                lock \(lock.id) was taken by \(lock.who ?? "an unknown user") for \(lock.operation ?? "an unknown operation"). \
                After that Berth offers Force unlock, which runs terraform force-unlock -force \(lock.id): it deletes the lock \
                without asking the run that holds it, so if that run is still active both can write the state and damage it.
                """
            ), at: 0)
        }
    }

    /// Handles the lock flow's actions; returns false for other action ids.
    func handleLockAction(_ actionID: String) -> Bool {
        switch actionID {
        case LockAction.confirm:
            mutate { wizard in
                guard let lock = wizard.currentStateLock() else { return }
                wizard.stateLock.confirmedID = lock.id
                wizard.stateLock.outcome = nil
            }
            return true
        case LockAction.forceUnlock:
            forceUnlock()
            return true
        default:
            return false
        }
    }

    /// Returns the lock named by the failed run's diagnostics, or nil when the run failed otherwise.
    func currentStateLock() -> StateLockInfo? {
        guard runFailure != nil, let snapshot = runSnapshot,
              case let .stateLocked(lock)? = KnownFailure.recognize(snapshot.diagnostics) else { return nil }
        return lock
    }

    /// Runs force-unlock in the background for the lock the person confirmed; never otherwise.
    private func forceUnlock() {
        var target: StateLockInfo?
        var unlocker: StateUnlocking?
        var environment: [String: String] = [:]
        mutate { wizard in
            guard !wizard.running, !wizard.stateLock.unlocking, let lock = wizard.currentStateLock(),
                  wizard.stateLock.confirmedID == lock.id else { return }
            guard let engine = (wizard.engine ?? (try? wizard.configuration.makeDeployEngine())) as? StateUnlocking else {
                wizard.stateLock.outcome = ("This engine cannot release the lock from Berth; run terraform force-unlock -force \(lock.id) in \(wizard.configuration.folder.path).", .error)
                return
            }
            wizard.stateLock.unlocking = true
            wizard.stateLock.outcome = ("Releasing lock \(lock.id)…", .normal)
            target = lock
            unlocker = engine
            environment = wizard.configuration.terraformEnvironment(region: wizard.settings.region)
        }
        guard let lock = target, let unlocker else { return }
        let childEnvironment = environment

        DispatchQueue.global().async { [weak self] in
            guard let self else { return }
            let outcome: (String, TextStyle)
            do {
                let run = try unlocker.forceUnlock(lock, folder: self.configuration.folder, environment: childEnvironment)
                if run.exitCode == 0 {
                    outcome = ("Lock \(lock.id) released. Choose Plan again to run the step again.", .success)
                } else {
                    outcome = (TokenPattern.mask("terraform force-unlock -force \(lock.id) failed (exit status \(run.exitCode)): \(run.errorSummary). Check the lock ID, then try again."), .error)
                }
            } catch {
                outcome = (TokenPattern.mask("terraform force-unlock -force \(lock.id) could not run: \(error)"), .error)
            }
            self.mutate { wizard in
                wizard.stateLock.unlocking = false
                wizard.stateLock.confirmedID = nil
                wizard.stateLock.outcome = outcome
            }
        }
    }

    /// Returns the blocks shown after a stop: the finished and unfinished resources, and that apply can run again.
    private func interruptedApplyBlocks(_ snapshot: RunSnapshot) -> [ScreenBlock] {
        let finished = snapshot.resources.filter { $0.state == .complete }.map(\.address)
        let inFlight = snapshot.resources.filter { $0.state == .inProgress || $0.state == .errored }.map(\.address)
        let waiting = snapshot.resources.filter { $0.state == .planned }.count

        var blocks: [ScreenBlock] = []
        if finished.isEmpty {
            blocks.append(.paragraph("No resource finished before the stop.", .normal))
        } else {
            let listed = finished.prefix(10).joined(separator: ", ")
            let more = finished.count > 10 ? " and \(finished.count - 10) more" : ""
            blocks.append(.paragraph("Finished before the stop (\(finished.count)): \(listed)\(more).", .normal))
        }
        if !inFlight.isEmpty {
            blocks.append(.paragraph("Not finished (\(inFlight.count)): \(inFlight.joined(separator: ", ")).", .warning))
        }
        if waiting > 0 {
            blocks.append(.paragraph("Not started: \(waiting).", .normal))
        }
        blocks.append(.paragraph("Running plan and apply again is safe: the state records every finished resource, so Terraform creates only what is missing.", .emphasis))
        return blocks
    }
}
