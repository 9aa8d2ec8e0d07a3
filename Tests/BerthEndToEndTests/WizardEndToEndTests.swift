import BerthTestSupport
import Foundation
import Testing

/// The whole onboarding wizard in a real 100x30 terminal, on a copy of the sandbox, against an
/// emulator that has core-infra but neither the GitHub token secret nor the CodeStar role.
@Suite struct WizardEndToEndTests {
    @Test func wizardCreatesPrerequisitesAndApplies() throws {
        let emulator = try Emulator()
        try emulator.seed([])
        let canary = Self.canaryToken()
        let run = try WizardTerminalRun(emulator: emulator)
        defer { run.session.kill() }

        try walkToSecret(run)
        try createSecret(run, token: canary)
        try fillFields(run)
        try writePlanAndApply(run)
        try finish(run, token: canary)

        try expectTfvars(in: run.blueprint)
        try expectAccountChanges(emulator, token: canary)
        try expectApplyStream(in: run.blueprint)

        #expect(try run.filesContaining("octo-example").count >= 2, "the scan should find terraform.tfvars and the session file")
        #expect(try run.filesContaining(canary).isEmpty, "the token was written to a file")
        let history = try run.captureHistory()
        #expect(history.contains("Apply: 26 added"), "the pane history lacks berth's summary:\n\(history)")
        #expect(run.captures.count > 20, "too few screens were read: \(run.captures.count)")
        let screensWithToken = run.captures.filter { $0.contains(canary) || $0.contains(String(canary.dropFirst(4).prefix(12))) }
        #expect(screensWithToken.isEmpty, "a screen showed the token:\n\(screensWithToken.first ?? "")")
        let log = try String(contentsOf: run.logFile, encoding: .utf8)
        #expect(!log.isEmpty, "berth wrote nothing to --log")
    }

    /// Welcome, identity, core-infra, and the CodeStar role created after its confirmation.
    private func walkToSecret(_ run: WizardTerminalRun) throws {
        let welcome = try run.waitFor("Deploy the ECS backend service", "Step 1 of 11", "[ Start ]")
        #expect(welcome.contains(run.blueprint.path))
        try run.focus(button: "Start")
        try run.press("Enter")

        let identity = try run.waitFor("AWS identity and region", "Berth will use this account and region")
        #expect(identity.contains("✔ AWS credentials"), "identity:\n\(identity)")
        #expect(identity.contains("✔ Deploy region    us-west-2"), "identity:\n\(identity)")
        try run.focus(button: "Continue")
        try run.press("Enter")

        let core = try run.waitFor("Core infrastructure", "core-infra is deployed in this region")
        for row in ["✔ Core VPC", "✔ Private subnets", "✔ ECS cluster", "✔ Service discovery namespace", "✔ Task execution role"] {
            #expect(core.contains(row), "core-infra lacks \(row):\n\(core)")
        }
        // Enter goes through core_stack_name and namespace, then to Continue.
        try run.press("Enter", "Enter")
        try run.waitForFocus(button: "Continue")
        try run.press("Enter")

        let role = try run.waitFor("CodeStar Notifications role", "✘ CodeStar Notifications service-linked role", "[ Create role ]")
        #expect(role.contains("no service-linked role"), "role:\n\(role)")
        try run.focus(button: "Create role")
        try run.press("Enter")
        let dialog = try run.waitFor("Create role?", "[ y: Yes ]")
        let question = Self.dialogText(dialog)
        #expect(question.contains("AWSServiceRoleForCodeStarNotifications"), "dialog:\n\(dialog)")
        #expect(question.contains("codestar-notifications.amazonaws.com"), "dialog:\n\(dialog)")
        #expect(question.contains("123456789012"), "dialog:\n\(dialog)")
        try run.press("y")

        try run.waitFor("Created and verified the service-linked role", "✔ CodeStar Notifications service-linked role")
        try run.waitForFocus(button: "Continue")
        try run.press("Enter")
    }

    /// Types the token into the masked field and creates the secret after its confirmation.
    private func createSecret(_ run: WizardTerminalRun, token: String) throws {
        let secret = try run.waitFor("GitHub token secret", "No secret named ecs-github-token in us-west-2", "[ Create secret ]")
        #expect(secret.contains("✘ GitHub token secret"), "secret:\n\(secret)")
        try run.focus(field: "GitHub token")
        try run.type(token)

        let masked = try run.waitFor("\(token.count) characters entered")
        #expect(masked.contains(String(repeating: "•", count: token.count)), "the token field should show one dot per character:\n\(masked)")
        try run.press("Enter")
        try run.waitForFocus(button: "Create secret")
        try run.press("Enter")
        let dialog = try run.waitFor("Create secret?", "[ y: Yes ]")
        #expect(Self.dialogText(dialog).contains("ecs-github-token in us-west-2"), "dialog:\n\(dialog)")
        try run.press("y")

        let created = try run.waitFor("Created secret ecs-github-token in us-west-2", "The secret holds a plain-text token")
        #expect(created.contains("✔ GitHub token secret  ecs-github-token: plain text, \(token.count) characters"), "secret:\n\(created)")
        #expect(!created.contains("GitHub token *"), "the token field should be gone once the secret exists:\n\(created)")
        try run.focus(button: "Continue")
        try run.press("Enter")
    }

    /// Fills the four required variables (cpu, memory and container_name come pre-filled from
    /// terraform.tfvars.example and are cleared with Ctrl-U first), then goes to the review.
    private func fillFields(_ run: WizardTerminalRun) throws {
        try run.waitFor("Blueprint variables", "Step 6 of 11", "[ Review ]")
        // Focus starts on the first empty required field, so aws_region may be scrolled away.
        try run.focus(field: "aws_region")
        let fields = try run.waitFor("Blueprint variables", "aws_region *")
        let region = fields.components(separatedBy: "\n").first { $0.hasPrefix("  aws_region *") }
        #expect(region?.contains(" [us-west-2 ") == true, "aws_region should be filled from the checks:\n\(fields)")
        for (label, value) in [("repository_owner", "octo-example"), ("cpu", "256"), ("memory", "512"), ("container_name", "ecsdemo-backend")] {
            try run.focus(field: label)
            try run.press("C-u")
            try run.type(value)
            try run.waitFor(timeout: 10, "\(label) showing \(value)") { screen in
                screen.components(separatedBy: "\n").contains { row in
                    row.trimmingCharacters(in: .whitespaces).hasPrefix("\(label) *") && row.contains("[\(value) ")
                }
            }
        }
        try run.focus(button: "Review")
        try run.press("Enter")

        let review = try run.waitFor("Review", "Step 7 of 11", "✔ Terraform engine", "[ Write and plan ]")
        for row in ["aws_region        \"us-west-2\"", "repository_owner  \"octo-example\"", "cpu               256",
                    "memory            512", "container_name    \"ecsdemo-backend\""] {
            #expect(review.contains(row), "the review lacks \(row):\n\(review)")
        }
    }

    /// Writes and plans, checks the plan summary, and applies after the confirmation.
    private func writePlanAndApply(_ run: WizardTerminalRun) throws {
        try run.focus(button: "Write and plan")
        try run.press("Enter")
        try run.waitFor("Write and plan?", "Write 5 values to terraform.tfvars")
        try run.press("y")

        let plan = try run.waitFor("Plan review", "Step 9 of 11", "[ Apply 26 changes ]", timeout: 60)
        #expect(plan.contains("Plan: 26 to add, 0 to change, 0 to destroy."), "plan review:\n\(plan)")
        #expect(plan.contains("create  terraform_data.codebuild_project"), "plan review:\n\(plan)")
        try run.focus(button: "Apply 26 changes")
        try run.press("Enter")
        let dialog = try run.waitFor("Apply 26 changes?", "[ y: Yes ]")
        #expect(Self.dialogText(dialog).contains("account 123456789012, us-west-2"), "dialog:\n\(dialog)")
        try run.press("y")

        try run.waitFor("Berth · Apply", "Step 10 of 11", "┌─ Resources (26)", timeout: 30)
    }

    /// Waits for the done screen, checking meanwhile that no process below berth gets the token
    /// in its arguments or environment, then finishes and checks the terminal berth leaves behind.
    private func finish(_ run: WizardTerminalRun, token: String) throws {
        var processesSeen = 0
        var processesWithToken: [String] = []
        var environmentsRead = 0
        let done = try run.waitFor(timeout: 90, "the done screen") { screen in
            let texts = (try? run.descendantProcessTexts()) ?? []
            processesSeen = max(processesSeen, texts.count)
            processesWithToken += texts.filter { $0.contains(token) }
            environmentsRead += texts.filter { $0.contains("AWS_ENDPOINT_URL=") }.count
            return screen.contains("Berth · Done") && screen.contains("The backend service is deployed.")
        }
        #expect(processesSeen >= 2, "Terraform was never seen below berth during the apply")
        #expect(environmentsRead > 0, "no process environment could be read from /proc")
        #expect(processesWithToken.isEmpty, "a process got the token: \(processesWithToken.first?.prefix(200) ?? "")")
        #expect(done.contains("Step 11 of 11"), "done:\n\(done)")
        #expect(done.contains("Service discovery name       ecsdemo-backend.default.ecs-blueprint-infra.local"), "done:\n\(done)")
        #expect(done.contains("service_discovery_name       \"ecsdemo-backend\""), "done:\n\(done)")
        try run.focus(button: "Finish")
        try run.press("Enter")

        #expect(try run.waitForBerthExit() == 0)
        let summary = try run.capture()
        #expect(summary.contains("Apply: 26 added, 0 changed, 0 destroyed"), "summary:\n\(summary)")
        let stty = try run.sttyBeforeAndAfter()
        #expect(stty.after == stty.before, "stty -a differs after berth finished")
        #expect(!(try run.alternateScreenOn()), "the pane is still on the alternate screen")
    }

    private func expectTfvars(in blueprint: URL) throws {
        let tfvars = try String(contentsOf: blueprint.appendingPathComponent("terraform.tfvars"), encoding: .utf8)
        let lines = Set(tfvars.components(separatedBy: "\n").map { $0.replacingOccurrences(of: " ", with: "") })
        for line in ["aws_region=\"us-west-2\"", "repository_owner=\"octo-example\"", "cpu=256", "memory=512",
                     "container_name=\"ecsdemo-backend\""] {
            #expect(lines.contains(line), "terraform.tfvars lacks \(line):\n\(tfvars)")
        }
    }

    private func expectAccountChanges(_ emulator: Emulator, token: String) throws {
        let secret = try emulator.call("secretsmanager", "get_secret_value", ["SecretId": "ecs-github-token"])
        #expect(secret["SecretString"] as? String == token, "the secret does not hold the typed token")

        let roles = try emulator.call("iam", "list_roles", ["PathPrefix": "/aws-service-role/codestar-notifications.amazonaws.com/"])
        let names = (roles["Roles"] as? [[String: Any]] ?? []).compactMap { $0["RoleName"] as? String }
        #expect(names == ["AWSServiceRoleForCodeStarNotifications"], "service-linked roles: \(names)")
    }

    private func expectApplyStream(in blueprint: URL) throws {
        let runs = blueprint.appendingPathComponent(".berth/runs")
        let names = try FileManager.default.contentsOfDirectory(atPath: runs.path)
        let apply = try #require(names.first { $0.hasSuffix("-apply.jsonl") }, "no apply stream in .berth/runs: \(names)")
        let lines = try String(contentsOf: runs.appendingPathComponent(apply), encoding: .utf8).split(separator: "\n")
        let complete = lines.filter { $0.contains("\"type\":\"apply_complete\"") }
        #expect(complete.count == Sandbox.resourceCount, "apply_complete lines: \(complete.count) of \(lines.count)")
    }

    /// Returns the text inside the dialog's frame, its rows joined by spaces.
    private static func dialogText(_ screen: String) -> String {
        screen.components(separatedBy: "\n").compactMap { row -> String? in
            guard let open = row.firstIndex(of: "│"), let close = row.lastIndex(of: "│"), open < close else { return nil }
            return row[row.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
        }.joined(separator: " ")
    }

    /// Returns `ghp_` and 36 random letters and digits, the shape of a classic GitHub token.
    private static func canaryToken() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return "ghp_" + String((0..<36).map { _ in alphabet.randomElement()! })
    }
}
