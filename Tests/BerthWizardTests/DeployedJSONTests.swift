import BerthTestSupport
import BerthWizard
import Foundation
import Testing

/// `berth check --deployed --json` from the built executable against the emulator, validated
/// against docs/check-schema.json with the rig's Python `jsonschema`.
@Suite(.serialized) struct DeployedJSONTests {
    static let emulator = Result { try Emulator() }

    private func seeded() throws -> (WizardFixture, SeedReport) {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        let report = try emulator.seed(["--with-secret", "--with-role"])
        return (try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars), report)
    }

    private func check(_ fixture: WizardFixture, _ arguments: [String]) throws -> ChildProcessResult {
        let berth = try BerthBinary.require()
        return try ChildProcess.run(berth.path, ["check", "--folder", fixture.folder.path, "--engine", Rig.terraform.path] + arguments,
                                    environment: fixture.environment, inheritEnvironment: false, timeout: 120)
    }

    /// Validates `json` against the schema; returns nil when valid, else the validator's message.
    private func schemaProblem(_ json: String) throws -> String? {
        let schema = Rig.packageRoot.appendingPathComponent("docs/check-schema.json")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("berth-deployed-\(UUID().uuidString).json")
        try json.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = "import json, sys, jsonschema\n"
            + "schema = json.load(open(sys.argv[1]))\n"
            + "jsonschema.Draft202012Validator.check_schema(schema)\n"
            + "jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))\n"
        let result = try ChildProcess.run(Rig.python.path, ["-c", script, schema.path, file.path], timeout: 60)
        return result.succeeded ? nil : result.standardError
    }

    private func object(_ text: String) throws -> [String: Any] {
        try #require((try JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any])
    }

    private func entry(_ document: [String: Any], _ id: String) throws -> [String: Any] {
        let checks = try #require(document["checks"] as? [[String: Any]])
        return try #require(checks.first { $0["id"] as? String == id })
    }

    @Test func notDeployedFailsMatchingSchema() throws {
        let (fixture, _) = try seeded()

        let result = try check(fixture, ["--deployed", "--json", "--timeout", "0"])

        #expect(result.exitStatus == 1, "\(result)")
        #expect(try schemaProblem(result.standardOutput) == nil)
        let document = try object(result.standardOutput)
        #expect(document["exitStatus"] as? Int == 1)
        let checks = try #require(document["checks"] as? [[String: Any]])
        #expect(checks.compactMap { $0["id"] as? String } == WizardChecks.all.map(\.id) + DeployedVerifier.ids)
        let summary = try #require(document["summary"] as? [String: Int])
        #expect(summary["total"] == WizardChecks.all.count + 3)
        #expect(summary["pass"] == WizardChecks.all.count)
        let service = try entry(document, "deployed.service")
        #expect(service["outcome"] as? String == "fail")
        #expect((service["fix"] as? String)?.contains("Run `berth` in this folder") == true)
        #expect(try entry(document, "deployed.pipeline")["outcome"] as? String == "fail")
        #expect(try entry(document, "deployed.discovery")["outcome"] as? String == "unknown")
        let deployed = try #require(document["deployed"] as? [String: Any])
        #expect(deployed["notDeployed"] as? Bool == true)
        #expect(deployed["serviceName"] as? String == "ecsdemo-backend")
        #expect(deployed["cluster"] as? String == "ecs-blueprint-infra")
        #expect(deployed["runningCount"] is NSNull)
        #expect(deployed["pipelineExecution"] is NSNull)
    }

    @Test func runningServiceReportsCounts() throws {
        let (fixture, report) = try seeded()
        let services = try #require(fixture.configuration().account.services as? BerthAWSServices)
        let seed = DeployedSeed(services: services)
        try seed.createService(desiredCount: 2)
        try seed.updateDesiredCount(2)
        try seed.register(namespaceID: try #require(report.namespace?.id), count: 2)
        try seed.createPipeline(start: true)

        let result = try check(fixture, ["--deployed", "--json", "--timeout", "0"])

        #expect(result.exitStatus == 0, "\(result)")
        #expect(try schemaProblem(result.standardOutput) == nil)
        let document = try object(result.standardOutput)
        #expect(document["exitStatus"] as? Int == 0)
        #expect(try entry(document, "deployed.service")["outcome"] as? String == "pass")
        #expect(try entry(document, "deployed.discovery")["outcome"] as? String == "pass")
        let deployed = try #require(document["deployed"] as? [String: Any])
        #expect(deployed["notDeployed"] as? Bool == false)
        #expect(deployed["timedOut"] as? Bool == false)
        #expect(deployed["desiredCount"] as? Int == 2)
        #expect(deployed["runningCount"] as? Int == 2)
        #expect(deployed["registeredInstances"] as? Int == 2)
        #expect(deployed["serviceStatus"] as? String == "ACTIVE")
        let execution = try #require(deployed["pipelineExecution"] as? [String: Any])
        #expect((execution["id"] as? String)?.isEmpty == false)
        #expect(execution["status"] is String)
    }

    @Test func stuckServiceReportsStopReasons() throws {
        let (fixture, report) = try seeded()
        let services = try #require(fixture.configuration().account.services as? BerthAWSServices)
        let seed = DeployedSeed(services: services)
        try seed.createService(desiredCount: 1)
        try seed.register(namespaceID: try #require(report.namespace?.id), count: 0)
        try seed.createPipeline(start: false)
        try seed.stopTask(reason: "Essential container in task exited")

        let result = try check(fixture, ["--deployed", "--json", "--timeout", "0"])

        #expect(result.exitStatus == 1, "\(result)")
        #expect(try schemaProblem(result.standardOutput) == nil)
        let document = try object(result.standardOutput)
        let service = try entry(document, "deployed.service")
        #expect(service["outcome"] as? String == "fail")
        #expect((service["evidence"] as? String)?.contains("Essential container in task exited") == true)
        #expect(try entry(document, "deployed.pipeline")["outcome"] as? String == "warn")
        let deployed = try #require(document["deployed"] as? [String: Any])
        #expect(deployed["timedOut"] as? Bool == true)
        #expect(deployed["desiredCount"] as? Int == 1)
        #expect(deployed["runningCount"] as? Int == 0)
        #expect(deployed["registeredInstances"] as? Int == 0)
        #expect(deployed["stoppedTaskReasons"] as? [String] == ["Essential container in task exited"])
    }

    @Test func strictFailsOnPipelineWarning() throws {
        let (fixture, report) = try seeded()
        let services = try #require(fixture.configuration().account.services as? BerthAWSServices)
        let seed = DeployedSeed(services: services)
        try seed.createService(desiredCount: 1)
        try seed.updateDesiredCount(1)
        try seed.register(namespaceID: try #require(report.namespace?.id), count: 1)
        try seed.createPipeline(start: false)

        let lenient = try check(fixture, ["--deployed", "--json", "--timeout", "0"])
        let strict = try check(fixture, ["--deployed", "--json", "--timeout", "0", "--strict"])
        let lines = try check(fixture, ["--deployed", "--timeout", "0", "--strict"])

        #expect(lenient.exitStatus == 0, "\(lenient)")
        #expect(strict.exitStatus == 1, "\(strict)")
        #expect(lines.exitStatus == 1, "\(lines)")
        #expect(try schemaProblem(strict.standardOutput) == nil)
        #expect(try object(strict.standardOutput)["exitStatus"] as? Int == 1)
        #expect(try entry(object(lenient.standardOutput), "deployed.pipeline")["outcome"] as? String == "warn")
    }
}
