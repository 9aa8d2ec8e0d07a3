import Foundation

/// The state of one Terraform run, built from its events; safe to use from any thread.
/// Resources are keyed by address, never matched by message text.
public final class RunModel: @unchecked Sendable {
    private let lock = NSLock()
    private let clock: () -> Date
    private let maxLogLines: Int
    private let maxDiagnostics: Int
    private var omittedDiagnostics = 0
    private var errorCount = 0
    private var sawInterruptMessage = false
    private let startedAt: Date
    private var endedAt: Date?

    private var phase: RunSnapshot.Phase
    private var engine = ""
    private var order: [String] = []
    private var resources: [String: ResourceProgress] = [:]
    private var log: [String] = []
    private var diagnostics: [DiagnosticView] = []
    private var summary: ChangeCounts?
    private var outputs: [OutputValue] = []
    private var drift: [String] = []
    private var notice: String?
    private var result: RunResult?
    private var exitCode: Int32?
    private var stopRequested = false

    /// Creates a model for a run that begins in `phase`. `clock` times resources and the run. The
    /// log keeps its last `maxLogLines` lines and the model its first `maxDiagnostics`
    /// diagnostics, so a long stream takes bounded memory beyond one row per resource.
    public init(phase: RunSnapshot.Phase = .planning, clock: @escaping () -> Date = Date.init, maxLogLines: Int = 500, maxDiagnostics: Int = 200) {
        self.phase = phase
        self.clock = clock
        self.maxLogLines = maxLogLines
        self.maxDiagnostics = maxDiagnostics
        self.startedAt = clock()
    }

    /// Folds one event into the model.
    public func apply(_ event: RunEvent) {
        lock.lock()
        defer { lock.unlock() }
        let now = clock()

        switch event {
        case let .version(name, version, _):
            engine = "\(name) \(version)"
        case let .log(line):
            if TerminalText.containsBytes(line.message, "Interrupt received") {
                sawInterruptMessage = true
            }
            for text in line.message.split(separator: "\n") where !text.allSatisfy(\.isWhitespace) {
                appendLog(String(text))
            }
        case let .diagnostic(diagnostic):
            addDiagnostic(diagnostic)
        case let .resourceDrift(change):
            if !drift.contains(change.address) {
                drift.append(change.address)
            }
        case let .plannedChange(change):
            guard change.action != "noop" else { break }
            row(change.address, action: change.action).action = change.action
        case let .changeSummary(changes):
            summary = ChangeCounts(add: changes.add, change: changes.change, remove: changes.remove, operation: changes.operation)
            if changes.operation == "plan", phase == .planning {
                phase = .planned
            }
        case let .outputs(values):
            outputs = values.map { OutputValue(name: $0.name, value: SecretMask.mask($0.value), sensitive: $0.sensitive) }
        case let .applyStart(hook):
            phase = .applying
            let resource = row(hook.address, action: hook.action)
            resource.state = .inProgress
            resource.startedAt = now
        case let .applyProgress(hook):
            let resource = row(hook.address, action: hook.action)
            if resource.state == .planned {
                resource.state = .inProgress
                resource.startedAt = now
            }
        case let .applyComplete(hook):
            end(row(hook.address, action: hook.action), as: .complete, hook: hook, now: now)
        case let .applyErrored(hook):
            end(row(hook.address, action: hook.action), as: .errored, hook: hook, now: now)
        case let .provisionStart(hook):
            row(hook.address, action: "").detail = "running \(hook.provisioner)"
        case let .provisionProgress(hook):
            if let output = hook.output {
                let text = SecretMask.mask(output)
                let resource = row(hook.address, action: "")
                resource.detail = text
                resource.appendOutput(text)
                appendLog("\(hook.address) (\(hook.provisioner)): \(text)")
            }
        case .provisionComplete:
            break
        case let .provisionErrored(hook):
            row(hook.address, action: "").detail = "\(hook.provisioner) failed"
        case let .refreshStart(hook):
            // A redeploy can spend minutes refreshing, so each resource shows in the log.
            appendLog("\(hook.address): Refreshing state..." + (hook.idValue.map { " [id=\($0)]" } ?? ""))
        case .refreshComplete:
            break
        case let .initOutput(_, message):
            phase = .initializing
            appendLog(message)
        case let .unknown(_, message):
            if !message.isEmpty {
                appendLog(message)
            }
        }
    }

    /// Notes that Berth sent the engine its SIGINT, for the header while it stops.
    public func noteStopRequested() {
        lock.lock()
        defer { lock.unlock() }
        stopRequested = true
        notice = "stopping safely: waiting for in-flight resources"
    }

    /// Sets the final result from the exit code and the error diagnostics, never from the
    /// last line seen. With `detailedExitCode`, exit code 2 (a plan with changes) is success.
    public func finish(exitCode code: Int32, detailedExitCode: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        endedAt = clock()
        exitCode = code

        let succeededCode = code == 0 || (detailedExitCode && code == 2)
        if !succeededCode && errorCount == 0 {
            diagnostics.append(DiagnosticView(
                severity: "error",
                summary: "Terraform exited with code \(code) without an error message",
                detail: "The run record in .berth/runs holds everything Terraform printed."
            ))
        }

        if stopRequested && !succeededCode {
            result = .interrupted
            phase = .interrupted
        } else if succeededCode && errorCount == 0 {
            result = .succeeded
            switch phase {
            case .applying, .applied: phase = .applied
            case .planning, .planned: phase = .planned
            default: break
            }
        } else {
            result = .failed
            phase = .failed
        }
        notice = RunModel.finalNotice(result: result, resources: order.compactMap { resources[$0] }, summary: summary, drift: drift)
    }

    /// Sets the final result of a replayed stream, which has no exit code: failed when it
    /// contains an error diagnostic, interrupted when Terraform also reported an interrupt.
    public func finishReplay() {
        lock.lock()
        let failed = errorCount > 0
        if failed && sawInterruptMessage {
            stopRequested = true
        }
        lock.unlock()

        finish(exitCode: failed ? 1 : 0)

        lock.lock()
        exitCode = nil
        lock.unlock()
    }

    /// Returns the last provisioner output lines of one resource, oldest first: at most 50,
    /// and at most 5 once the resource completed.
    public func provisionerOutput(for address: String) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        guard let resource = resources[address] else { return [] }
        let limit = resource.state == .complete ? ResourceProgress.maxOutputLinesWhenComplete : ResourceProgress.maxOutputLines
        return Array(resource.output.suffix(limit))
    }

    /// Returns a copy of the model for drawing.
    public func snapshot() -> RunSnapshot {
        lock.lock()
        defer { lock.unlock() }
        let now = endedAt ?? clock()
        let rows = order.compactMap { resources[$0] }.map { $0.row(now: now) }
        var snapshot = RunSnapshot(
            phase: phase,
            engine: engine,
            resources: rows,
            log: Array(log.suffix(maxLogLines)),
            diagnostics: diagnostics,
            summary: summary,
            outputs: outputs,
            elapsedSeconds: max(0, now.timeIntervalSince(startedAt)),
            notice: notice
        )
        snapshot.drift = drift
        snapshot.result = result
        snapshot.exitCode = exitCode
        snapshot.omittedDiagnostics = omittedDiagnostics
        return snapshot
    }

    private func row(_ address: String, action: String) -> ResourceProgress {
        if let existing = resources[address] {
            if existing.action.isEmpty { existing.action = action }
            return existing
        }
        let created = ResourceProgress(address: address, action: action)
        resources[address] = created
        order.append(address)
        return created
    }

    private func end(_ resource: ResourceProgress, as state: ResourceRow.State, hook: ApplyHook, now: Date) {
        resource.state = state
        resource.endedAt = now
        resource.engineElapsed = hook.elapsedSeconds
        if state == .complete, let id = hook.idValue {
            resource.detail = "\(hook.idKey ?? "id")=\(id)"
        }
        if state == .complete {
            resource.trimOutputWhenComplete()
        }
    }

    private func addDiagnostic(_ diagnostic: Diagnostic) {
        if diagnostic.isError {
            errorCount += 1
        }
        linkToResource(diagnostic)
        guard diagnostics.count < maxDiagnostics else {
            omittedDiagnostics += 1
            return
        }

        let location = diagnostic.range.map { "\($0.filename):\($0.line)" }
        diagnostics.append(DiagnosticView(
            severity: diagnostic.severity,
            summary: SecretMask.mask(diagnostic.summary),
            detail: SecretMask.mask(diagnostic.detail),
            address: diagnostic.address,
            location: location,
            snippet: SnippetRenderer.lines(for: diagnostic).map(SecretMask.mask)
        ))
    }

    private func linkToResource(_ diagnostic: Diagnostic) {
        // An error about a resource that was still running means that resource failed,
        // even when no apply_errored came first (a plan-time error, say). Its summary
        // replaces the last provisioner line as the row's detail.
        if diagnostic.isError, let address = diagnostic.address, let resource = resources[address], resource.state != .complete {
            resource.state = .errored
            resource.endedAt = resource.endedAt ?? clock()
            resource.detail = SecretMask.mask(diagnostic.summary)
        }
    }

    private func appendLog(_ text: String) {
        log.append(SecretMask.mask(text))
        // Trimmed in batches so that a long stream costs constant time per line.
        if log.count > 2 * maxLogLines {
            log.removeFirst(log.count - maxLogLines)
        }
    }
}
