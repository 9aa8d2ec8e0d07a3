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

    /// Runs `berth check --only ONLY` on a copy of the blueprint with `tfvars`, with no AWS call needed.
    private func checkOnly(_ only: String, tfvars: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> ChildProcessResult {
        let fixture = try WizardFixture(emulator: try Self.emulator.get(), tfvars: tfvars)
        return try ChildProcess.run(berth, ["check", "--only", only, "--folder", fixture.folder.path] + extra,
                                    environment: fixture.environment.merging(environment) { $1 }, inheritEnvironment: false, timeout: 120)
    }

    @Test func invisibleCharactersInTfvarsFailAndNeverPrintRaw() throws {
        let tfvars = WizardFixture.completeTfvars
            .replacingOccurrences(of: "\"octo-org\"", with: "\"octo\u{200B}-example\u{202E}\"")
            .replacingOccurrences(of: "\"ecsdemo-nodejs\"", with: "\"x\u{202E}y\"")

        let result = try checkOnly("tfvars", tfvars: tfvars)

        #expect(result.exitStatus == 1, "\(result)")
        #expect(result.standardOutput.contains("FAIL    terraform.tfvars: container_name contains U+202E RIGHT-TO-LEFT OVERRIDE at character 2"))
        #expect(result.standardOutput.contains("repository_owner contains U+200B ZERO WIDTH SPACE at character 5"))
        #expect(!result.standardOutput.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x200B })
        #expect(result.standardOutput.contains("1 of 1 check did not pass."))
    }

    @Test func singleWarningSummaryIsWordedAsWarning() throws {
        let tfvars = WizardFixture.completeTfvars.replacingOccurrences(of: "\"octo-org\"", with: "\"aws-ia\"")

        let result = try checkOnly("tfvars", tfvars: tfvars)

        #expect(result.exitStatus == 0, "\(result)")
        #expect(result.standardOutput.contains("WARN    terraform.tfvars: repository_owner is aws-ia"))
        #expect(result.standardOutput.contains("fix: Set repository_owner to the owner of your fork.\n"))
        #expect(result.standardOutput.hasSuffix("The 1 check passed with a warning.\n"), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("All 1 checks"))
    }

    @Test func tfvarsSyntaxErrorPrintedOnce() throws {
        let result = try checkOnly("tfvars", tfvars: "repository_owner = \"octo-org\"\ncpu = = 256\n")

        let lines = result.standardOutput.split(separator: "\n")
        #expect(result.exitStatus == 1, "\(result)")
        #expect(!result.standardOutput.contains("Note:"), "\(result.standardOutput)")
        #expect(lines.filter { $0.contains("terraform.tfvars:2") }.count == 1, "\(result.standardOutput)")
    }

    @Test func onlyRegionStatesCredentialsFailure() throws {
        let tfvars = WizardFixture.completeTfvars.replacingOccurrences(of: "aws_region               = \"us-west-2\"\n", with: "")

        let result = try checkOnly("region", tfvars: tfvars, ["--profile", "nope"],
                                   environment: ["AWS_REGION": "", "AWS_DEFAULT_REGION": ""])

        #expect(result.exitStatus == 1, "\(result)")
        #expect(result.standardOutput.contains("UNKNOWN Deploy region: Not known: resolving the AWS set-up failed before a region was chosen. The profile \"nope\""), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("see the AWS credentials row"))
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
