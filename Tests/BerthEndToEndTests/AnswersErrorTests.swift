import BerthTestSupport
import Foundation
import Testing

/// Answers files Berth must refuse or stop on, run with the real binary against an emulator
/// that has every prerequisite: each ends with the exit status and a message naming the key.
@Suite(.serialized) struct AnswersErrorTests {
    static let emulator = Result { () throws -> Emulator in
        let emulator = try Emulator()
        try emulator.seed(["--with-secret", "--with-role"])
        return emulator
    }

    static let complete = """
        region           = "us-west-2"
        repository_owner = "octo-example"
        cpu              = 256
        memory           = 512
        container_name   = "ecsdemo-backend"

        """

    @Test func unknownKeyNamesFileAndLine() throws {
        let run = try AnswersRun(emulator: try Self.emulator.get(), answers: Self.complete + "repo_owner = \"octo\"\napply = \"approve\"\n")

        let result = try run.run(timeout: 60)

        #expect(result.status == 2, "\(result.output)\n\(result.errors)")
        #expect(result.errors.contains("\(run.answersFile.path) line 6, key repo_owner: is not an answer Berth knows"), "\(result.errors)")
        #expect(!run.exists(".berth"), "nothing should start before the file is accepted")
    }

    @Test func tokenShapedValueRefused() throws {
        let token = AnswersRun.canaryToken()
        let run = try AnswersRun(emulator: try Self.emulator.get(), answers: Self.complete + "service_name = \"\(token)\"\n")

        let result = try run.run(timeout: 60)

        #expect(result.status == 2, "\(result.output)\n\(result.errors)")
        #expect(result.errors.contains("line 6, key service_name: has a value that looks like a GitHub token"), "\(result.errors)")
        #expect(!result.errors.contains(token))
        #expect(!result.output.contains(token))
        #expect(!run.exists(".berth"))
    }

    @Test func tokenOnCommandLineRefused() throws {
        let run = try AnswersRun(emulator: try Self.emulator.get(), answers: Self.complete)

        let result = try run.run(["--token", "ghp_x"], timeout: 60)

        #expect(result.status == 2)
        #expect(result.errors.contains("Unknown option \"--token\""), "\(result.errors)")
    }

    @Test(arguments: [
        (["--token-stdin"], "--token-stdin works only with --answers FILE"),
        (["--answers", "answers.hcl", "--yes"], "--yes cannot be combined with --answers"),
        (["check", "--answers", "answers.hcl"], "--answers applies to onboarding and `berth redeploy`, not to `berth check`."),
    ])
    func flagMisuseIsUsageError(arguments: [String], message: String) throws {
        let result = try ChildProcess.run(try BerthBinary.require().path, arguments, timeout: 30)

        #expect(result.exitStatus == 2, "\(result)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test func tokenStdinOnTerminalRejected() throws {
        let run = try AnswersRun(emulator: try Self.emulator.get(), answers: Self.complete)
        let berth = try BerthBinary.require()
        let command = [berth.path, "--answers", run.answersFile.path, "--token-stdin", "--folder", run.blueprint.path]
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")

        // script(1) gives berth a pseudo-terminal as stdin and reports berth's exit status.
        let result = try ChildProcess.run("script", ["-qec", command, "/dev/null"], environment: run.environment, inheritEnvironment: false, timeout: 60)

        #expect(result.exitStatus == 2, "\(result)")
        #expect(result.standardOutput.contains("--token-stdin reads a pipe, but stdin is a terminal"), "\(result)")
    }

    @Test func missingAnswerStopsBeforeAnyChange() throws {
        let answers = Self.complete.replacingOccurrences(of: "repository_owner = \"octo-example\"\n", with: "") + "apply = \"approve\"\n"
        let run = try AnswersRun(emulator: try Self.emulator.get(), answers: answers)

        let result = try run.run(timeout: 120)

        #expect(result.status == 2, "\(result.output)\n\(result.errors)")
        #expect(result.errors.contains("\(run.answersFile.path), key repository_owner: is required (the variable has no default) and set neither in the file nor in terraform.tfvars."), "\(result.errors)")
        #expect(result.errors.contains("Add a line repository_owner = <value> to the file."), "\(result.errors)")
        #expect(!run.exists(".berth"), "nothing may start when an answer is missing")
    }

    @Test func exampleValueIsNoAnswer() throws {
        let answers = Self.complete.replacingOccurrences(of: "cpu              = 256\n", with: "") + "apply = \"approve\"\n"
        let run = try AnswersRun(emulator: try Self.emulator.get(), answers: answers)

        let result = try run.run(timeout: 120)

        #expect(result.status == 2, "\(result.output)\n\(result.errors)")
        #expect(result.errors.contains("key cpu: is required"), "terraform.tfvars.example sets cpu, but it is no answer:\n\(result.errors)")
        #expect(!run.exists(".berth"))
    }

    @Test func withoutApprovalStopsAfterPlan() throws {
        let run = try AnswersRun(emulator: try Self.emulator.get(), answers: Self.complete)

        let result = try run.run(timeout: 240)

        #expect(result.status == 2, "\(result.output)\n\(result.errors)")
        #expect(result.output.contains("Plan: 26 to add, 0 to change, 0 to destroy."), "\(result.output)")
        #expect(result.output.contains("key apply: is needed to answer \"Apply 26 changes"), "\(result.output)")
        #expect(result.output.contains("Add apply = \"approve\" to the file"), "\(result.output)")
        #expect(run.exists("terraform.tfvars"))
        #expect(!run.exists("terraform.tfstate"), "nothing may be applied without apply = \"approve\"")
        let runs = (try? FileManager.default.contentsOfDirectory(atPath: run.blueprint.appendingPathComponent(".berth/runs").path)) ?? []
        #expect(!runs.contains { $0.hasSuffix("-apply.jsonl") }, "run logs: \(runs)")

        try Data((Self.complete + "apply = \"plan\"\n").utf8).write(to: run.answersFile)
        let again = try run.run(timeout: 240)

        #expect(again.status == 0, "\(again.output)\n\(again.errors)")
        #expect(again.output.contains("An earlier run of this folder stopped midway; an unattended run starts over"), "\(again.output)")
        #expect(again.output.contains("== Step 3 of 11: Core infrastructure"), "\(again.output)")
        #expect(again.output.contains("Stopped after the plan"), "\(again.output)")
    }

    @Test func secretWithoutTokenStops() throws {
        let answers = Self.complete + "github_token_secret_name = \"other-token\"\ncreate_secret = true\napply = \"approve\"\n"
        let run = try AnswersRun(emulator: try Self.emulator.get(), answers: answers)

        let result = try run.run(timeout: 120)

        #expect(result.status == 2, "\(result.output)\n\(result.errors)")
        #expect(result.output.contains("line 7, key create_secret: asks Berth to create the secret, but no GitHub token was given."), "\(result.output)")
        #expect(result.output.contains("--token-stdin"))
        let secrets = try Self.emulator.get().call("secretsmanager", "list_secrets", [:])
        let names = (secrets["SecretList"] as? [[String: Any]] ?? []).compactMap { $0["Name"] as? String }
        #expect(!names.contains("other-token"), "secrets: \(names)")
    }

    @Test func missingSecretWithoutKeyStops() throws {
        let answers = Self.complete + "github_token_secret_name = \"other-token\"\n"
        let run = try AnswersRun(emulator: try Self.emulator.get(), answers: answers)

        let result = try run.run(["--token-stdin"], stdin: AnswersRun.canaryToken() + "\n", timeout: 120)

        #expect(result.status == 2, "\(result.output)\n\(result.errors)")
        #expect(result.output.contains("key create_secret: is needed to answer \"Create the secret other-token in us-west-2"), "\(result.output)")
        #expect(result.output.contains("Add create_secret = true to the file, or create_secret = false to decline."), "\(result.output)")
    }

    @Test func redeployPlanOnlyStopsAfterPlan() throws {
        let run = try AnswersRun(emulator: try Self.emulator.get(), answers: "desired_count = 2\napply = \"plan\"\n")
        let tfvars = try Sandbox.writeFilledTfvars(in: run.blueprint)

        let result = try run.run(["redeploy"], timeout: 240)

        #expect(result.status == 0, "\(result.output)\n\(result.errors)")
        #expect(result.output.contains("desired_count = 2  (\(run.answersFile.path) line 1)"), "\(result.output)")
        let text = try String(contentsOf: tfvars, encoding: .utf8)
        #expect(text.contains("desired_count   = 2"), "the file's value was not written:\n\(text)")
        #expect(text.contains("# the application listens on 3000; leave it"), "the hand-written comments were lost:\n\(text)")
        #expect(result.output.contains("== Step 2 of 11: AWS identity and region"), "\(result.output)")
        #expect(!result.output.contains("Step 1 of 11"), "redeploy starts at the identity step")
        #expect(result.output.contains("Plan: 26 to add"), "\(result.output)")
        #expect(result.output.contains("Stopped after the plan, as apply = \"plan\" asks; nothing was applied."), "\(result.output)")
        #expect(!run.exists("terraform.tfstate"))
    }
}
