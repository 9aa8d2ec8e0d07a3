import BerthTestSupport
import Foundation
import Testing

/// Unattended runs with the real binary that must reject a bad value before the account changes,
/// and replace a wrong token secret only when the file approves it.
@Suite(.serialized) struct AnswersSecretValueTests {
    static let emulator = Result { try Emulator() }

    /// `sandbox/answers.example` without its comments and core-infra keys.
    static func example(cpu: String = "256") -> String {
        """
        region                   = "us-west-2"
        core_stack_name          = "ecs-blueprint-infra"
        namespace                = "default"
        create_codestar_role     = true
        github_token_secret_name = "ecs-github-token"
        create_secret            = true
        repository_owner         = "octo-example"
        cpu                      = \(cpu)
        memory                   = 512
        container_name           = "ecsdemo-backend"
        apply                    = "approve"

        """
    }

    private func fresh(_ seed: [String]) throws -> Emulator {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(seed)
        return emulator
    }

    private func secretNames(_ emulator: Emulator) throws -> [String] {
        let listed = try emulator.call("secretsmanager", "list_secrets", [:])
        return (listed["SecretList"] as? [[String: Any]] ?? []).compactMap { $0["Name"] as? String }
    }

    private func roleCount(_ emulator: Emulator) throws -> Int {
        let roles = try emulator.call("iam", "list_roles", ["PathPrefix": "/aws-service-role/codestar-notifications.amazonaws.com/"])
        return (roles["Roles"] as? [Any])?.count ?? 0
    }

    @Test(arguments: [
        ("not-a-token", "does not look like a GitHub token"),
        ("{\"github_token\":\"TOKEN\"}", "is JSON"),
        ("\"TOKEN\"", "quoted JSON string"),
    ])
    func pipedValueThatIsNoTokenChangesNothing(piped: String, reason: String) throws {
        let emulator = try fresh([])
        let run = try AnswersRun(emulator: emulator, answers: Self.example())
        let value = piped.replacingOccurrences(of: "TOKEN", with: AnswersRun.canaryToken())

        let result = try run.run(["--token-stdin"], stdin: value + "\n", timeout: 60)

        #expect(result.status == 2, "\(result.output)\n\(result.errors)")
        #expect(result.errors.contains("--token-stdin: "), "\(result.errors)")
        #expect(result.errors.contains(reason), "\(result.errors)")
        #expect(result.errors.contains("Nothing was changed in the account."), "\(result.errors)")
        #expect(!result.errors.contains(value))
        #expect(!result.output.contains(value))
        #expect(try secretNames(emulator).isEmpty)
        #expect(try roleCount(emulator) == 0)
        #expect(!run.exists(".berth"))
    }

    @Test(arguments: [
        ("\"lots\"", "cpu"),
        ("300", "cpu"),
    ])
    func badVariableValueStopsBeforeAnyChange(cpu: String, key: String) throws {
        let emulator = try fresh([])
        let run = try AnswersRun(emulator: emulator, answers: Self.example(cpu: cpu))

        let result = try run.run(["--token-stdin"], stdin: AnswersRun.canaryToken() + "\n", timeout: 60)

        #expect(result.status == 2, "\(result.output)\n\(result.errors)")
        #expect(result.errors.contains("\(run.answersFile.path) line 8, key \(key): is \(cpu), which does not fit the variable"), "\(result.errors)")
        #expect(result.errors.contains("nothing was changed in the account"), "\(result.errors)")
        #expect(try secretNames(emulator).isEmpty)
        #expect(try roleCount(emulator) == 0)
        #expect(!run.exists(".berth"))
    }

    @Test func cpuClashingWithTfvarsMemoryStops() throws {
        let emulator = try fresh([])
        let answers = Self.example(cpu: "4096").replacingOccurrences(of: "memory                   = 512\n", with: "")
        let run = try AnswersRun(emulator: emulator, answers: answers)
        try Data("memory = 512\n".utf8).write(to: run.blueprint.appendingPathComponent("terraform.tfvars"))

        let result = try run.run(["--token-stdin"], stdin: AnswersRun.canaryToken() + "\n", timeout: 60)

        #expect(result.status == 2, "\(result.output)\n\(result.errors)")
        #expect(result.errors.contains("line 8, key cpu: is 4096, which does not fit memory = 512 from terraform.tfvars"), "\(result.errors)")
        #expect(result.errors.contains("add a line memory = <value> to the file"), "\(result.errors)")
        #expect(try roleCount(emulator) == 0)
        #expect(try secretNames(emulator).isEmpty)
    }

    @Test func badSecretNameStopsBeforeAnyChange() throws {
        let emulator = try fresh([])
        let answers = Self.example().replacingOccurrences(of: "\"ecs-github-token\"", with: "\"ecs github token\"")
        let run = try AnswersRun(emulator: emulator, answers: answers)

        let result = try run.run(["--token-stdin"], stdin: AnswersRun.canaryToken() + "\n", timeout: 60)

        #expect(result.status == 2, "\(result.output)\n\(result.errors)")
        #expect(result.errors.contains("line 5, key github_token_secret_name:"), "\(result.errors)")
        #expect(try roleCount(emulator) == 0)
    }

    @Test func wrongSecretWithoutKeyStops() throws {
        let emulator = try fresh(["--with-role", "--secret-json"])
        let run = try AnswersRun(emulator: emulator, answers: Self.example())

        let result = try run.run(["--token-stdin"], stdin: AnswersRun.canaryToken() + "\n", timeout: 120)

        #expect(result.status == 2, "\(result.output)\n\(result.errors)")
        #expect(result.output.contains("key replace_secret_value: is needed to answer \"Replace the current value of the secret ecs-github-token in us-west-2"), "\(result.output)")
        let value = try emulator.call("secretsmanager", "get_secret_value", ["SecretId": "ecs-github-token"])["SecretString"] as? String
        #expect(value?.hasPrefix("{") == true, "the JSON value must stay when the file does not approve")
    }

    @Test func wrongSecretIsReplacedWhenFileApproves() throws {
        let emulator = try fresh(["--with-role", "--secret-json"])
        let answers = Self.example().replacingOccurrences(of: "apply                    = \"approve\"", with: "replace_secret_value = true\napply = \"plan\"")
        let run = try AnswersRun(emulator: emulator, answers: answers)
        let token = AnswersRun.canaryToken()

        let result = try run.run(["--token-stdin"], stdin: token + "\n", timeout: 300)

        #expect(result.status == 0, "\(result.output)\n\(result.errors)")
        #expect(result.output.contains("yes (replace_secret_value = true"), "\(result.output)")
        #expect(result.output.contains("Stopped after the plan"), "\(result.output)")
        let value = try emulator.call("secretsmanager", "get_secret_value", ["SecretId": "ecs-github-token"])["SecretString"] as? String
        #expect(value == token)
        #expect(!result.output.contains(token))
        #expect(!result.errors.contains(token))
        #expect(run.filesContaining(token).isEmpty)
        #expect(!result.processTexts.contains { $0.contains(token) })
    }

    @Test func typedJSONTokenIsRejectedOnTerminal() throws {
        let berth = try BerthBinary.require()
        let emulator = try Emulator()
        try emulator.seed(["--with-role"])
        let run = try AnswersRun(emulator: emulator, answers: AnswersErrorTests.complete + "create_secret = true\napply = \"plan\"\n")
        let typed = "{\"github_token\":\"\(AnswersRun.canaryToken())\"}"
        let command = [berth.path, "--answers", run.answersFile.path, "--folder", run.blueprint.path, "--engine", Rig.terraform.path]
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        let session = try TmuxSession(
            ["sh", "-c", command + "; echo berth-exit=$?"],
            environment: run.environment, width: 200, height: 50, directory: run.root.url, term: "xterm-256color")
        defer { session.kill() }

        _ = try session.waitFor(text: "GitHub token for ecs-github-token (typing is hidden):", timeout: 60)
        try session.send(text: typed)
        try session.send(keys: "Enter")

        let screen = try session.waitFor(text: "berth-exit=", timeout: 120)
        #expect(screen.contains("berth-exit=1"), "\(screen)")
        #expect(screen.contains("Nothing was sent to Secrets Manager."), "\(screen)")
        #expect(screen.contains("is JSON"), "\(screen)")
        #expect(!screen.contains(typed))
        #expect(try secretNames(emulator).isEmpty)
    }
}
