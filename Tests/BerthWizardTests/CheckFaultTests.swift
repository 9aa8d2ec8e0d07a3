import BerthTestSupport
import BerthWizard
import Foundation
import Testing

/// Every check `berth check` runs, with its AWS calls sent through a fault proxy in front of the
/// emulator. A short burst of faults is retried away, and a fault on every call ends each check in
/// a clear error. Time is bounded on the injected clock and sleeper, plus the real request
/// timeout of each attempt that timed out.
@Suite(.serialized) struct CheckFaultTests {
    static let emulator = Result { () throws -> Emulator in
        let emulator = try Emulator()
        try emulator.seed(["--with-secret", "--with-role"])
        return emulator
    }

    /// One kind of fault, with the words a check that gives up on it must show.
    struct FaultKind: CustomStringConvertible, Sendable {
        let description: String
        let fault: FaultProxy.Fault
        /// Text that the evidence of each AWS check contains when every call fails this way.
        let evidence: String
        /// The server's `Retry-After`, in seconds, which replaces the exponential back-off.
        var retryAfter: TimeInterval?
        /// Whether attempts end at the request timeout, so it must be short for the test.
        var stalls = false

        /// The back-offs of one call that meets this fault twice: with jitter at 1, the ceilings 1 s and 2 s.
        var backoffs: [TimeInterval] {
            retryAfter.map { [$0, $0] } ?? [1, 2]
        }

        /// The maximum back-off the retry layer may take after this fault, in seconds.
        var maxDelay: TimeInterval {
            backoffs.max() ?? 0
        }
    }

    static let kinds: [FaultKind] = [
        FaultKind(description: "throttling", fault: .respond(
            status: 400, headers: [("Content-Type", "application/x-amz-json-1.1")],
            body: #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#),
                  evidence: "ThrottlingException: Rate exceeded"),
        FaultKind(description: "HTTP 500", fault: .respond(
            status: 500, headers: [("Content-Type", "application/x-amz-json-1.1")],
            body: #"{"__type":"InternalFailure","message":"We encountered an internal error."}"#),
                  evidence: "InternalFailure: We encountered an internal error."),
        FaultKind(description: "HTTP 503 with Retry-After", fault: .respond(status: 503, headers: [("Retry-After", "5")], body: ""),
                  evidence: "ServiceUnavailable: empty response body (HTTP 503)", retryAfter: 5),
        FaultKind(description: "dropped connection", fault: .dropConnection,
                  evidence: "failed: Server returned nothing (no headers, no data) (curl code 52)"),
        FaultKind(description: "stalled response", fault: .stall(12),
                  evidence: "failed: Timeout was reached (curl code 28)", stalls: true),
        FaultKind(description: "truncated body", fault: .truncatedBody,
                  evidence: "failed: Transferred a partial file (curl code 18)"),
        FaultKind(description: "malformed error body", fault: .respond(
            status: 500, headers: [("Content-Type", "application/x-amz-json-1.1")], body: #"{"__type":"InternalFai"#),
                  evidence: #"InternalServerError: unexpected response body: {"__type":"InternalFai"#),
    ]

    /// Attempts per call in the SDKs' standard mode, which Berth uses by default.
    static let maxAttempts = 3

    /// Returns the timeout of every request. A stalled attempt waits it out for real, so those runs use a short one.
    static func requestTimeout(for kind: FaultKind) -> TimeInterval {
        kind.stalls ? 3 : 30
    }

    private func fixture() throws -> WizardFixture {
        try WizardFixture(emulator: Self.emulator.get(), tfvars: WizardFixture.completeTfvars)
    }

    /// The results with no fault, through the proxy: the reference for the other runs.
    static let baseline = Result { () throws -> [String: CheckResult] in
        let fixture = try WizardFixture(emulator: emulator.get(), tfvars: WizardFixture.completeTfvars)
        let proxy = try FaultProxy(upstream: fixture.emulator.url, faults: [])
        let run = try FaultedCheckRun(fixture: fixture, proxy: proxy, requestTimeout: 30)
        guard let results = run.run(WizardChecks.all, deadline: 300) else {
            throw RigError("the checks did not finish within 300 s without faults")
        }
        guard run.clock.slept == 0 else {
            throw RigError("a call was retried without faults (back-offs \(run.clock.sleeps)); the emulator is failing")
        }
        return results
    }

    @Test func baselinePassesEveryCheck() throws {
        let results = try Self.baseline.get()

        for check in WizardChecks.all {
            #expect(results[check.id]?.status == .pass, "\(check.id): \(String(describing: results[check.id]))")
        }
    }

    @Test(arguments: kinds) func burstIsRetriedAway(kind: FaultKind) throws {
        let fixture = try fixture()
        let expected = try Self.baseline.get()
        let burst = Self.maxAttempts - 1
        let proxy = try FaultProxy(upstream: fixture.emulator.url, faults: Array(repeating: kind.fault, count: burst))
        let run = try FaultedCheckRun(fixture: fixture, proxy: proxy, requestTimeout: Self.requestTimeout(for: kind))

        let results = try #require(run.run(WizardChecks.all, deadline: 300), "\(kind): a check hung")

        // Each faulted attempt is followed by at most one back-off. A call gets at most `burst`
        // faults, so its last attempt reaches the emulator.
        for check in WizardChecks.all {
            #expect(results[check.id]?.status == expected[check.id]?.status,
                    "\(kind): \(check.id) ended \(String(describing: results[check.id])), without faults \(String(describing: expected[check.id]))")
        }
        let bound = Double(burst) * (kind.maxDelay + (kind.stalls ? run.requestTimeout : 0))
        #expect(run.clock.sleeps.count <= burst, "\(kind): back-offs \(run.clock.sleeps)")
        #expect(run.spentSeconds <= bound, "\(kind): spent \(run.spentSeconds) s, bound \(bound) s")
        #expect(proxy.requestCount >= burst)
    }

    @Test(arguments: kinds) func burstOnEachCheckIsRetried(kind: FaultKind) throws {
        let fixture = try fixture()
        let expected = try Self.baseline.get()
        let burst = Self.maxAttempts - 1

        // Each check runs alone with a proxy of its own, so its first call meets the whole burst.
        let runs = try WizardChecks.all.map { check in
            let proxy = try FaultProxy(upstream: fixture.emulator.url, faults: Array(repeating: kind.fault, count: burst))
            return (check, proxy, try FaultedCheckRun(fixture: fixture, proxy: proxy, requestTimeout: Self.requestTimeout(for: kind),
                                                      earlier: expected.filter { check.dependsOn.contains($0.key) }))
        }
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: runs.count) { index in
            let (check, _, run) = runs[index]
            outcomes.set(check.id, run.run([check], deadline: 300)?[check.id])
        }

        for (check, proxy, run) in runs {
            let result = try #require(outcomes.get(check.id), "\(kind): \(check.id) hung or returned no result")
            #expect(result.status == expected[check.id]?.status, "\(kind): \(check.id) ended \(result)")
            if proxy.requestCount == 0 {
                continue
            }
            #expect(run.clock.sleeps == kind.backoffs, "\(kind): \(check.id) back-offs")
            #expect(run.transport.timedOut == (kind.stalls ? burst : 0), "\(kind): \(check.id) timed-out attempts")
            let bound = kind.backoffs.reduce(0, +) + (kind.stalls ? Double(burst) * run.requestTimeout : 0)
            #expect(run.spentSeconds == bound, "\(kind): \(check.id) spent \(run.spentSeconds) s")
        }
    }

    @Test(arguments: kinds) func persistentFaultEndsEachCheckClearly(kind: FaultKind) throws {
        let fixture = try fixture()
        let expected = try Self.baseline.get()
        let proxy = try FaultProxy(upstream: fixture.emulator.url, faults: [], then: kind.fault)

        // Each check runs alone, its dependencies given as passed, so every check meets the fault.
        let runs = try WizardChecks.all.map { check in
            (check, try FaultedCheckRun(fixture: fixture, proxy: proxy, requestTimeout: Self.requestTimeout(for: kind),
                                        earlier: expected.filter { check.dependsOn.contains($0.key) }))
        }
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: runs.count) { index in
            let (check, run) = runs[index]
            outcomes.set(check.id, run.run([check], deadline: 300)?[check.id])
        }

        for (check, run) in runs {
            let result = try #require(outcomes.get(check.id), "\(kind): \(check.id) hung or returned no result")
            let calls = Double(run.transport.attempts) / Double(Self.maxAttempts)
            if run.transport.attempts == 0 {
                #expect(result == expected[check.id], "\(kind): \(check.id) makes no AWS call, so the fault cannot change it")
                continue
            }
            #expect(result.status == .fail || result.status == .unknown, "\(kind): \(check.id) passed although every call failed: \(result)")
            #expect(result.evidence.contains(kind.evidence), "\(kind): \(check.id) evidence: \(result.evidence)")
            #expect(!(result.fix ?? "").isEmpty, "\(kind): \(check.id) gives no fix")

            // Per call: at most `maxAttempts` attempts, each back-off at most `maxDelay`, each
            // timed-out attempt at most the request timeout.
            let perCall = Double(Self.maxAttempts - 1) * kind.maxDelay
                + (kind.stalls ? Double(Self.maxAttempts) * run.requestTimeout : 0)
            #expect(run.transport.attempts % Self.maxAttempts == 0, "\(kind): \(check.id) made \(run.transport.attempts) attempts")
            #expect(run.spentSeconds <= calls * perCall, "\(kind): \(check.id) spent \(run.spentSeconds) s over \(calls) calls")
            #expect(run.spentSeconds <= 30, "\(kind): \(check.id) spent \(run.spentSeconds) s")
        }
    }

    /// Results written by concurrent runs.
    private final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [String: CheckResult] = [:]

        func set(_ id: String, _ result: CheckResult?) {
            lock.lock()
            results[id] = result
            lock.unlock()
        }

        func get(_ id: String) -> CheckResult? {
            lock.lock()
            defer { lock.unlock() }
            return results[id]
        }
    }
}
