import BerthTestSupport
import BerthWizard
import Foundation
import Testing

/// The post-deploy verification against the emulator, seeded with what a deploy leaves behind.
@Suite(.serialized) struct DeployedVerifierTests {
    static let emulator = Result { try Emulator() }

    /// A clock that moves only when the verifier sleeps, and what to do at each sleep.
    final class FakeTime: @unchecked Sendable {
        var current = Date(timeIntervalSince1970: 1_800_000_000)
        var sleeps: [TimeInterval] = []
        var onSleep: (Int) -> Void = { _ in }

        func sleep(_ seconds: TimeInterval) {
            sleeps.append(seconds)
            current = current.addingTimeInterval(seconds)
            onSleep(sleeps.count)
        }
    }

    private func setUp() throws -> (WizardFixture, BerthAWSServices, SeedReport) {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        let report = try emulator.seed(["--with-secret", "--with-role"])
        let fixture = try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars)
        let services = try #require(fixture.configuration().account.services as? BerthAWSServices)
        return (fixture, services, report)
    }

    private func verifier(_ services: BerthAWSServices, _ time: FakeTime, timeout: TimeInterval = 60) -> DeployedVerifier {
        DeployedVerifier(services: services, timeout: timeout, interval: 10, now: { time.current }, sleep: time.sleep)
    }

    private let target = DeployedTarget(cluster: "ecs-blueprint-infra", serviceName: "ecsdemo-backend", namespaceName: "default.ecs-blueprint-infra.local")

    @Test func serviceReachingItsCountPassesAfterPolling() throws {
        let (_, services, report) = try setUp()
        let seed = DeployedSeed(services: services)
        try seed.createService(desiredCount: 2)
        try seed.register(namespaceID: try #require(report.namespace?.id), count: 2)
        try seed.createPipeline(start: true)
        let time = FakeTime()
        time.onSleep = { count in if count == 2 { try? seed.updateDesiredCount(2) } }

        var seen: [CheckStatus] = []
        let results = verifier(services, time).verify(target) { id, result in
            if id == "deployed.service" { seen.append(result.status) }
        }

        #expect(results["deployed.service"]?.status == .pass, "\(results["deployed.service"]?.evidence ?? "")")
        #expect(results["deployed.service"]?.evidence.contains("2 of 2 tasks running") == true)
        #expect(results["deployed.discovery"]?.status == .pass, "\(results["deployed.discovery"]?.evidence ?? "")")
        #expect(results["deployed.pipeline"]?.evidence.contains("pipeline-ecsdemo-backend") == true)
        #expect(results["deployed.pipeline"]?.status != .fail)
        #expect(time.sleeps == [10, 10])
        #expect(seen.first == .running)
    }

    @Test func serviceStuckBelowItsCountFailsWithStoppedReasons() throws {
        let (_, services, report) = try setUp()
        let seed = DeployedSeed(services: services)
        try seed.createService(desiredCount: 1)
        try seed.register(namespaceID: try #require(report.namespace?.id), count: 0)
        try seed.createPipeline(start: false)
        try seed.stopTask(reason: "Essential container in task exited")
        let time = FakeTime()

        let results = verifier(services, time, timeout: 60).verify(target)

        let service = try #require(results["deployed.service"])
        #expect(service.status == .fail)
        #expect(service.evidence.contains("0 of 1 tasks run"))
        #expect(service.evidence.contains("Essential container in task exited"))
        #expect(results["deployed.discovery"]?.status == .fail)
        #expect(results["deployed.discovery"]?.evidence.contains("0 of 1 tasks are registered") == true)
        #expect(results["deployed.pipeline"]?.status == .warn)
        #expect(results["deployed.pipeline"]?.evidence.contains("has not run yet") == true)
        #expect(time.sleeps.count == 6)
    }

    @Test func nothingDeployedReadsAsNotDeployedYet() throws {
        let (_, services, _) = try setUp()
        let time = FakeTime()

        let results = verifier(services, time).verify(target)

        let service = try #require(results["deployed.service"])
        #expect(service.status == .fail)
        #expect(service.facts["not_deployed"] == "1")
        #expect(service.evidence.contains("Not deployed by this blueprint yet"))
        #expect(service.fix?.contains("berth") == true)
        #expect(results["deployed.pipeline"]?.facts["pipeline_missing"] == "1")
        #expect(time.sleeps.isEmpty)
    }

    @Test func deletedServiceWithPipelineIsAFailureNotAFreshFolder() throws {
        let (_, services, _) = try setUp()
        try DeployedSeed(services: services).createPipeline(start: true)
        let time = FakeTime()

        let results = verifier(services, time).verify(target)

        let service = try #require(results["deployed.service"])
        #expect(service.status == .fail)
        #expect(service.facts["not_deployed"] == nil)
        #expect(service.fix?.contains("berth redeploy") == true)
    }

    @Test func checklistPrintsTheDeployedLines() throws {
        let (fixture, services, _) = try setUp()
        try DeployedSeed(services: services).createPipeline(start: true)
        var lines: [String] = []

        let status = DeployedChecklist.run(fixture.configuration(), timeout: 0, sleep: { _ in }) { lines.append($0) }

        #expect(status == 1)
        #expect(lines.first == "Deployed service ecsdemo-backend in cluster ecs-blueprint-infra (waiting up to 0 s):")
        #expect(lines.contains { $0.hasPrefix("FAIL    ECS service running count: There is no ECS service ecsdemo-backend") })
    }
}
