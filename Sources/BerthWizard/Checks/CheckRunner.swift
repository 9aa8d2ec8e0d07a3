import Foundation

/// Runs checks on background threads: every check whose dependencies have
/// finished starts at once, so independent checks run concurrently. A check
/// whose dependency did not pass is not run and reports `unknown`.
public final class CheckRunner: @unchecked Sendable {
    /// One change of a check's state: `running`, then its result.
    public typealias Progress = @Sendable (_ id: String, _ result: CheckResult) -> Void

    /// Starts one check's work. Each check gets its own thread by default, because the
    /// checks block on network calls and a dispatch queue may run only as many as there are cores.
    public typealias Spawn = @Sendable (@escaping @Sendable () -> Void) -> Void

    private let spawn: Spawn

    public init(spawn: @escaping Spawn = { work in Thread.detachNewThread(work) }) {
        self.spawn = spawn
    }

    /// Runs `checks` and blocks until all have a result.
    @discardableResult
    public func run(_ checks: [Check], context: CheckContext, progress: Progress? = nil) -> [String: CheckResult] {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        start(checks, context: context, progress: progress) { results in
            box.results = results
            done.signal()
        }
        done.wait()
        return box.results
    }

    /// Starts `checks` and returns at once; `completion` gets every result when the last one finishes.
    public func start(
        _ checks: [Check],
        context: CheckContext,
        progress: Progress? = nil,
        completion: @escaping @Sendable ([String: CheckResult]) -> Void
    ) {
        let schedule = Schedule(checks: checks, context: context, progress: progress, spawn: spawn, completion: completion)
        schedule.advance()
    }
}

/// Carries the results out of the completion handler; the semaphore orders the accesses.
private final class ResultBox: @unchecked Sendable {
    var results: [String: CheckResult] = [:]
}

/// The bookkeeping of one run: which checks wait, run and finished.
private final class Schedule: @unchecked Sendable {
    private let checks: [Check]
    private let context: CheckContext
    private let progress: CheckRunner.Progress?
    private let spawn: CheckRunner.Spawn
    private let completion: @Sendable ([String: CheckResult]) -> Void
    private let lock = NSLock()
    private var waiting: [Check]
    private var running: Set<String> = []
    private var results: [String: CheckResult] = [:]
    private var completed = false

    init(
        checks: [Check],
        context: CheckContext,
        progress: CheckRunner.Progress?,
        spawn: @escaping CheckRunner.Spawn,
        completion: @escaping @Sendable ([String: CheckResult]) -> Void
    ) {
        self.checks = checks
        self.context = context
        self.progress = progress
        self.spawn = spawn
        self.completion = completion
        self.waiting = checks
    }

    /// Starts every check that can start, records skipped ones, and completes when nothing is left.
    func advance() {
        var toStart: [Check] = []
        var skipped: [(String, CheckResult)] = []
        var finishedResults: [String: CheckResult]?

        lock.lock()
        var changed = true
        while changed {
            changed = false
            let ids = Set(checks.map(\.id))
            for check in waiting {
                let pending = check.dependsOn.filter { ids.contains($0) && results[$0] == nil }
                if !pending.isEmpty { continue }
                let blocking = check.dependsOn.compactMap { dependency -> (String, CheckResult)? in
                    guard let result = results[dependency] ?? context.result(of: dependency) else { return nil }
                    return result.allowsDependents ? nil : (dependency, result)
                }
                waiting.removeAll { $0.id == check.id }
                if let (dependency, result) = blocking.first {
                    let title = checks.first { $0.id == dependency }?.title ?? dependency
                    let verb = result.status == .fail ? "failed" : "could not be checked"
                    let outcome = CheckResult.unknown("Skipped because \"\(title)\" \(verb).", fix: "Fix \"\(title)\" first.")
                    results[check.id] = outcome
                    context.record(outcome, for: check.id)
                    skipped.append((check.id, outcome))
                    changed = true
                } else {
                    running.insert(check.id)
                    toStart.append(check)
                }
            }
        }
        if waiting.isEmpty && running.isEmpty && !completed {
            completed = true
            finishedResults = results
        }
        lock.unlock()

        for (id, outcome) in skipped {
            progress?(id, outcome)
        }
        for check in toStart {
            progress?(check.id, CheckResult(status: .running, evidence: ""))
            spawn { self.execute(check) }
        }
        if let finishedResults {
            completion(finishedResults)
        }
    }

    private func execute(_ check: Check) {
        let result = check.run(context)

        lock.lock()
        results[check.id] = result
        running.remove(check.id)
        lock.unlock()
        context.record(result, for: check.id)

        progress?(check.id, result)
        advance()
    }
}
