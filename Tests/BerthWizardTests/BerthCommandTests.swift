import BerthTestSupport
import Foundation
import Testing

/// The built `berth` executable, run as a person or CI would run it.
@Suite(.serialized) struct BerthCommandTests {
    static let emulator = Result { try Emulator() }

    private var berth: String { Rig.packageRoot.appendingPathComponent(".build/debug/berth").path }

    private func seeded(_ arguments: [String] = ["--with-secret", "--with-role"]) throws -> WizardFixture {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(arguments)
        return try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars)
    }

    private func check(_ fixture: WizardFixture) throws -> ChildProcessResult {
        try ChildProcess.run(berth, ["check", "--folder", fixture.folder.path, "--engine", Rig.terraform.path],
                             environment: fixture.environment, inheritEnvironment: false, timeout: 120)
    }

    @Test func checkPassesOnSeededAccount() throws {
        let fixture = try seeded()

        let result = try check(fixture)

        #expect(result.exitStatus == 0, "\(result)")
        #expect(result.standardOutput.contains("All 17 checks passed."))
        #expect(result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("PASS") }.count == 17)
        #expect(!result.standardOutput.contains("WARN"))
    }

    @Test func profileReadFromHomeVariable() throws {
        let fixture = try seeded()
        let aws = fixture.home.appendingPathComponent(".aws")
        try FileManager.default.createDirectory(at: aws, withIntermediateDirectories: true)
        try "[from-home]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
            .write(to: aws.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)

        let result = try ChildProcess.run(berth, ["check", "--only", "identity", "--profile", "from-home", "--folder", fixture.folder.path],
                                          environment: fixture.environment, inheritEnvironment: false, timeout: 120)

        #expect(result.exitStatus == 0, "\(result)")
        #expect(result.standardOutput.contains("PASS    AWS credentials: Account 123456789012"))
    }

    @Test func deletedSecretFailsCheck() throws {
        let fixture = try seeded()
        _ = try fixture.emulator.call("secretsmanager", "delete_secret", ["SecretId": "ecs-github-token", "ForceDeleteWithoutRecovery": true])

        let result = try check(fixture)

        #expect(result.exitStatus == 1)
        #expect(result.standardOutput.contains("FAIL    GitHub token secret: No secret named ecs-github-token in us-west-2."))
        #expect(result.standardOutput.contains("fix: Let Berth create it (Create secret), or run `aws secretsmanager create-secret"))
    }

    @Test func missingRoleFailsCheck() throws {
        let fixture = try seeded(["--with-secret"])

        let result = try check(fixture)

        #expect(result.exitStatus == 1)
        #expect(result.standardOutput.contains("FAIL    CodeStar Notifications service-linked role"))
        #expect(result.standardOutput.contains("aws iam create-service-linked-role --aws-service-name codestar-notifications.amazonaws.com"))
    }

    @Test func deletedClusterFailsCheck() throws {
        let fixture = try seeded()
        _ = try fixture.emulator.call("ecs", "delete_cluster", ["cluster": "ecs-blueprint-infra"])

        let result = try check(fixture)

        #expect(result.exitStatus == 1)
        #expect(result.standardOutput.contains("FAIL    ECS cluster: The cluster \"ecs-blueprint-infra\""))
        #expect(result.standardOutput.contains("fix: Deploy core-infra in us-west-2 with core_stack_name = \"ecs-blueprint-infra\""))
    }

    @Test func pipedYesNeverApplies() throws {
        let fixture = try seeded()

        let result = try ChildProcess.run(berth, ["--folder", fixture.folder.path, "--engine", Rig.terraform.path],
                                          environment: fixture.environment, inheritEnvironment: false, input: "y\n", timeout: 120)

        #expect(result.exitStatus == 1)
        #expect(result.standardOutput.contains("Input ended before the wizard finished"))
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("terraform.tfstate").path))
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent(".berth/runs").path))
    }

    @Test func unknownOptionIsUsageError() throws {
        let result = try ChildProcess.run(berth, ["check", "--token", "x"], timeout: 30)

        #expect(result.exitStatus == 2)
        #expect(result.standardError.contains("Unknown option \"--token\""))
    }

    @Test func helpAndVersion() throws {
        let help = try ChildProcess.run(berth, ["--help"], timeout: 30)
        let version = try ChildProcess.run(berth, ["--version"], timeout: 30)

        #expect(help.exitStatus == 0)
        #expect(help.standardOutput.contains("Usage: berth [onboard | redeploy | check | view FILE] [options]"))
        #expect(version.standardOutput == "berth 0.1.0\n")
    }

    /// Runs berth in its own session (no controlling terminal), as CI would, with `lines` on stdin.
    private func plainRun(_ fixture: WizardFixture, _ extra: [String], lines: Int) throws -> ChildProcessResult {
        try ChildProcess.run("setsid", ["--wait", berth, "--folder", fixture.folder.path, "--engine", Rig.terraform.path] + extra,
                             environment: fixture.environment, inheritEnvironment: false,
                             input: String(repeating: "\n", count: lines), timeout: 300)
    }

    @Test func plainModeWithYesApplies() throws {
        let fixture = try seeded()

        let result = try plainRun(fixture, ["--yes"], lines: 80)

        #expect(result.exitStatus == 0, "\(result)")
        #expect(result.standardOutput.contains("== Step 11 of 11: Done"))
        #expect(result.standardOutput.contains("Apply 26 changes (26 to add, 0 to change, 0 to destroy) in account 123456789012, us-west-2? yes (--yes)"))
        #expect(FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("terraform.tfstate").path))
    }

    @Test func plainModeWithoutTerminalNeverConfirms() throws {
        let fixture = try seeded()
        let before = try Data(contentsOf: fixture.folder.appendingPathComponent("terraform.tfvars"))

        let result = try plainRun(fixture, [], lines: 80)

        #expect(result.exitStatus == 1, "\(result)")
        #expect(result.standardOutput.contains("Not confirmed: there is no terminal to ask, and piped input never approves a change."))
        #expect(try Data(contentsOf: fixture.folder.appendingPathComponent("terraform.tfvars")) == before)
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent(".berth/runs").path))
    }
}
