import BerthWizard
import Foundation
import Testing

/// A check whose result is fixed, recording when it ran.
private struct FixedCheck: Check {
    let id: String
    let title: String
    let dependsOn: [String]
    let status: CheckStatus
    let log: RunLog

    func run(_ context: CheckContext) -> CheckResult {
        log.enter(id)
        Thread.sleep(forTimeInterval: 0.2)
        log.leave(id)
        return CheckResult(status: status, evidence: "\(id) ran", fix: status == .fail ? "fix \(id)" : nil)
    }
}

/// Which checks ran and how many ran at once.
private final class RunLog: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var started: [String] = []
    private var active = 0
    private(set) var maxActive = 0

    func enter(_ id: String) {
        lock.lock()
        started.append(id)
        active += 1
        maxActive = max(maxActive, active)
        lock.unlock()
    }

    func leave(_ id: String) {
        lock.lock()
        active -= 1
        lock.unlock()
    }
}

@Suite struct CheckRunnerTests {
    private func context() -> CheckContext {
        CheckContext(settings: CheckSettings(folder: URL(fileURLWithPath: "/nonexistent")), account: .unavailable(message: "none", fix: "none"))
    }

    @Test func independentChecksRunConcurrently() {
        let log = RunLog()
        let checks = (1...3).map { FixedCheck(id: "c\($0)", title: "C\($0)", dependsOn: [], status: .pass, log: log) }

        let results = CheckRunner().run(checks, context: context())

        #expect(results.count == 3)
        #expect(log.maxActive >= 2)
    }

    @Test func failedDependencySkipsDependent() {
        let log = RunLog()
        let checks: [Check] = [
            FixedCheck(id: "base", title: "Base", dependsOn: [], status: .fail, log: log),
            FixedCheck(id: "child", title: "Child", dependsOn: ["base"], status: .pass, log: log),
            FixedCheck(id: "grandchild", title: "Grandchild", dependsOn: ["child"], status: .pass, log: log),
        ]

        let results = CheckRunner().run(checks, context: context())

        #expect(results["base"]?.status == .fail)
        #expect(results["child"]?.status == .unknown)
        #expect(results["child"]?.evidence == "Skipped because \"Base\" failed.")
        #expect(results["grandchild"]?.status == .unknown)
        #expect(log.started == ["base"])
    }

    @Test func dependentWaitsForDependency() {
        let log = RunLog()
        let checks: [Check] = [
            FixedCheck(id: "child", title: "Child", dependsOn: ["base"], status: .pass, log: log),
            FixedCheck(id: "base", title: "Base", dependsOn: [], status: .warn, log: log),
        ]

        let results = CheckRunner().run(checks, context: context())

        #expect(log.started == ["base", "child"])
        #expect(results["child"]?.status == .pass)
    }

    @Test func progressReportsRunningThenResult() {
        let log = RunLog()
        let seen = RunLog()
        let checks = [FixedCheck(id: "only", title: "Only", dependsOn: [], status: .pass, log: log)]

        CheckRunner().run(checks, context: context()) { id, result in
            seen.enter("\(id):\(result.status.rawValue)")
        }

        #expect(seen.started == ["only:running", "only:pass"])
    }
}
