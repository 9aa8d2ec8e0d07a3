import BerthTestSupport
import BerthWizard
import Foundation
import Testing

/// `berth check --json` from the built executable, validated against docs/check-schema.json
/// with the rig's Python `jsonschema`.
@Suite(.serialized) struct PreflightJSONTests {
    static let emulator = Result { try Emulator() }

    private var berth: String { Rig.packageRoot.appendingPathComponent(".build/debug/berth").path }
    private var schema: URL { Rig.packageRoot.appendingPathComponent("docs/check-schema.json") }

    private func seeded(_ extraSeed: [String] = []) throws -> WizardFixture {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-secret", "--with-role"] + extraSeed)
        return try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars)
    }

    private func check(_ fixture: WizardFixture, _ arguments: [String]) throws -> ChildProcessResult {
        try ChildProcess.run(berth, ["check", "--folder", fixture.folder.path, "--engine", Rig.terraform.path] + arguments,
                             environment: fixture.environment, inheritEnvironment: false, timeout: 120)
    }

    /// Validates `json` against the schema; returns nil when valid, else the validator's message.
    private func schemaProblem(_ json: String) throws -> String? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("berth-check-\(UUID().uuidString).json")
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

    @Test func jsonReportMatchesSchema() throws {
        let fixture = try seeded()

        let result = try check(fixture, ["--json"])

        #expect(result.exitStatus == 0, "\(result)")
        #expect(try schemaProblem(result.standardOutput) == nil)
        let document = try object(result.standardOutput)
        let checks = try #require(document["checks"] as? [[String: Any]])
        #expect(checks.compactMap { $0["id"] as? String } == WizardChecks.all.map(\.id))
        #expect(document["account"] as? String == "123456789012")
        #expect(document["region"] as? String == "us-west-2")
        #expect(document["exitStatus"] as? Int == 0)
        let summary = try #require(document["summary"] as? [String: Int])
        #expect(summary["total"] == WizardChecks.all.count)
        #expect(summary["pass"] == WizardChecks.all.count)
        #expect(summary["warn"] == 0)
    }

    @Test func schemaRejectsUnknownOutcome() throws {
        let fixture = try seeded()
        let result = try check(fixture, ["--json", "--only", "preflight.fargate-size"])
        let broken = result.standardOutput.replacingOccurrences(of: "\"outcome\" : \"pass\"", with: "\"outcome\" : \"maybe\"")

        #expect(broken != result.standardOutput)
        #expect(try schemaProblem(broken)?.contains("maybe") == true)
    }

    @Test func strictMakesWarningFail() throws {
        let fixture = try seeded(["--namespace-zone-unlinked"])

        let result = try check(fixture, ["--json", "--strict"])

        #expect(result.exitStatus == 1)
        let document = try object(result.standardOutput)
        #expect(document["strict"] as? Bool == true)
        #expect(document["exitStatus"] as? Int == 1)
        #expect(try schemaProblem(result.standardOutput) == nil)
    }

    @Test func warningPassesWithoutStrict() throws {
        let fixture = try seeded(["--namespace-zone-unlinked"])

        let result = try check(fixture, ["--json"])

        #expect(result.exitStatus == 0, "\(result)")
        let summary = try #require(try object(result.standardOutput)["summary"] as? [String: Int])
        #expect(summary["warn"] == 1)
    }

    @Test func unknownOnlyIDIsUsageError() throws {
        let fixture = try seeded()

        let result = try check(fixture, ["--json", "--only", "core.vcp"])

        #expect(result.exitStatus == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("Unknown check id \"core.vcp\""))
        #expect(result.standardError.contains("preflight.name-collisions"))
    }

    @Test func skippedIdentityLeavesDependentsUnknown() throws {
        let fixture = try seeded()

        let result = try check(fixture, ["--json", "--skip", "identity"])

        #expect(result.exitStatus == 1)
        #expect(try schemaProblem(result.standardOutput) == nil)
        let document = try object(result.standardOutput)
        #expect(document["skipped"] as? [String] == ["identity"])
        let checks = try #require(document["checks"] as? [[String: Any]])
        let vpc = try #require(checks.first { $0["id"] as? String == "core.vpc" })
        #expect(vpc["outcome"] as? String == "unknown")
        #expect(checks.contains { $0["id"] as? String == "identity" } == false)
        let fargate = try #require(checks.first { $0["id"] as? String == "preflight.fargate-size" })
        #expect(fargate["outcome"] as? String == "pass")
    }

    @Test func jsonFlagOutsideCheckIsUsageError() throws {
        let fixture = try seeded()

        let result = try ChildProcess.run(berth, ["onboard", "--json", "--folder", fixture.folder.path],
                                          environment: fixture.environment, inheritEnvironment: false, timeout: 60)

        #expect(result.exitStatus == 2)
        #expect(result.standardError.contains("apply only to `berth check`"))
    }

    @Test func tfvarsProblemsFailTheRun() throws {
        let fixture = try seeded()
        let tfvars = WizardFixture.completeTfvars.replacingOccurrences(of: "container_name           = \"ecsdemo-nodejs\"", with: "# container_name = \"ecsdemo-nodejs\"")
            + "cpu = 512\ndesired_count = \"many\"\nrepository_ownr = \"octo-org\"\n"
        try tfvars.write(to: fixture.folder.appendingPathComponent("terraform.tfvars"), atomically: true, encoding: .utf8)

        let result = try check(fixture, ["--json", "--only", "tfvars"])

        #expect(result.exitStatus == 1)
        let document = try object(result.standardOutput)
        let tfvarsCheck = try #require((document["checks"] as? [[String: Any]])?.first)
        let evidence = try #require(tfvarsCheck["evidence"] as? String)
        #expect(tfvarsCheck["outcome"] as? String == "fail")
        #expect(evidence.contains("required and unset: container_name"))
        #expect(evidence.contains("set more than once: cpu"))
        #expect(evidence.contains("desired_count:"))
        #expect(evidence.contains("not declared in any .tf file: repository_ownr"))
    }
}
