import BerthTestSupport
import Foundation
import Testing

/// `berth --answers FILE --token-stdin` with no terminal, on a copy of the sandbox, against an
/// emulator that has core-infra but neither the token secret nor the CodeStar role: the run
/// creates both, writes terraform.tfvars, plans, prints the plan, and applies with real Terraform.
@Suite struct AnswersEndToEndTests {
    static let answers = """
        # CI answers for the sandbox
        region          = "us-west-2"
        core_stack_name = "ecs-blueprint-infra"

        create_codestar_role     = true
        github_token_secret_name = "ecs-github-token"
        create_secret            = true

        repository_owner = "octo-example"
        cpu              = 256
        memory           = 512
        container_name   = "ecsdemo-backend"

        apply = "approve"

        """

    @Test func unattendedOnboardingApplies() throws {
        let emulator = try Emulator()
        try emulator.seed([])
        let canary = AnswersRun.canaryToken()
        let run = try AnswersRun(emulator: emulator, answers: Self.answers)

        let result = try run.run(["--token-stdin"], stdin: canary + "\n")

        #expect(result.status == 0, "exit \(result.status)\n\(result.output)\n\(result.errors)")
        #expect(!result.timedOut)
        let output = result.output
        #expect(output.contains("in account 123456789012? yes (create_codestar_role = true, \(run.answersFile.path) line 5)"), "\(output)")
        #expect(output.contains("Region   us-west-2 (from \(run.answersFile.path) line 2)"), "\(output)")
        #expect(output.contains("Created and verified the service-linked role."), "\(output)")
        #expect(output.contains("Created secret ecs-github-token in us-west-2"), "\(output)")
        #expect(output.contains("repository_owner = octo-example  (\(run.answersFile.path) line 9)"), "\(output)")
        #expect(!output.contains("\u{1B}["), "plain lines should carry no escape sequences")

        let plan = try #require(output.range(of: "Plan: 26 to add, 0 to change, 0 to destroy."), "no plan summary:\n\(output)")
        let approval = try #require(output.range(of: "Apply 26 changes (26 to add, 0 to change, 0 to destroy) in account 123456789012, us-west-2? yes (apply = \"approve\""),
                                    "no approval line:\n\(output)")
        #expect(plan.lowerBound < approval.lowerBound, "the plan summary must come before the apply")
        #expect(output.contains("== Step 11 of 11: Done"), "\(output)")

        try expectTfvars(in: run.blueprint)
        try expectAccount(emulator, token: canary)
        let runs = try FileManager.default.contentsOfDirectory(atPath: run.blueprint.appendingPathComponent(".berth/runs").path)
        #expect(runs.contains { $0.hasSuffix("-apply.jsonl") }, "run logs: \(runs)")
        #expect(run.exists("terraform.tfstate"))

        #expect(run.filesContaining(canary).isEmpty, "the token is in a file: \(run.filesContaining(canary))")
        #expect(!(try String(contentsOf: run.logFile, encoding: .utf8)).isEmpty, "berth wrote nothing to --log")
        #expect(!output.contains(canary))
        #expect(!result.errors.contains(canary))
        #expect(result.processTexts.contains { $0.contains("terraform") }, "Terraform was never seen below berth")
        #expect(result.processTexts.contains { $0.contains("AWS_ENDPOINT_URL=") }, "no process environment could be read")
        #expect(!result.processTexts.contains { $0.contains(canary) }, "a process got the token in argv or its environment")
    }

    @Test func declinedRoleEndsWithFailedCheck() throws {
        let emulator = try Emulator()
        try emulator.seed(["--with-secret"])
        let run = try AnswersRun(emulator: emulator, answers: AnswersErrorTests.complete + "create_codestar_role = false\napply = \"approve\"\n")

        let result = try run.run(timeout: 120)

        #expect(result.status == 1, "\(result.output)\n\(result.errors)")
        #expect(result.output.contains("in account 123456789012? no (create_codestar_role = false, \(run.answersFile.path) line 6)"), "\(result.output)")
        #expect(result.output.contains("berth: a check on the CodeStar Notifications role screen failed"), "\(result.output)")
        let roles = try emulator.call("iam", "list_roles", ["PathPrefix": "/aws-service-role/codestar-notifications.amazonaws.com/"])
        #expect((roles["Roles"] as? [[String: Any]] ?? []).isEmpty, "the role was created although the file declined it")
        #expect(!run.exists("terraform.tfvars"))
    }

    private func expectTfvars(in blueprint: URL) throws {
        let tfvars = try String(contentsOf: blueprint.appendingPathComponent("terraform.tfvars"), encoding: .utf8)
        let lines = Set(tfvars.components(separatedBy: "\n").map { $0.replacingOccurrences(of: " ", with: "") })
        for line in ["aws_region=\"us-west-2\"", "repository_owner=\"octo-example\"", "cpu=256", "memory=512", "container_name=\"ecsdemo-backend\""] {
            #expect(lines.contains(line), "terraform.tfvars lacks \(line):\n\(tfvars)")
        }
    }

    private func expectAccount(_ emulator: Emulator, token: String) throws {
        let secret = try emulator.call("secretsmanager", "get_secret_value", ["SecretId": "ecs-github-token"])
        #expect(secret["SecretString"] as? String == token, "the secret does not hold the piped token")

        let roles = try emulator.call("iam", "list_roles", ["PathPrefix": "/aws-service-role/codestar-notifications.amazonaws.com/"])
        let names = (roles["Roles"] as? [[String: Any]] ?? []).compactMap { $0["RoleName"] as? String }
        #expect(names == ["AWSServiceRoleForCodeStarNotifications"], "service-linked roles: \(names)")
    }
}
