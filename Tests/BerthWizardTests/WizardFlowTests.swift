import BerthTestSupport
import BerthTerraform
import BerthWizard
import Foundation
import Testing

/// Drives `WizardController` with intents, as a renderer would, against the
/// emulator and the real Terraform on a copy of the sandbox blueprint.
@Suite(.serialized) struct WizardFlowTests {
    static let emulator = Result { try Emulator() }

    private func settled(_ controller: WizardController, on step: WizardStep) -> Bool {
        let screen = controller.screen
        return screen.id == step.rawValue && screen.busy == nil
    }

    private func status(_ controller: WizardController, _ id: String) -> CheckStatus? {
        controller.checkResults[id]?.status
    }

    @Test func onboardingReachesAppliedState() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed([])
        let fixture = try WizardFixture(emulator: emulator)
        let canary = "ghp_CANARY" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(30))
        let controller = WizardController(configuration: fixture.configuration(region: "us-west-2"))
        controller.start()

        #expect(controller.screen.id == "welcome")
        controller.handle(.activate(actionID: "next"))
        try wait(for: controller, "identity checks") { self.settled($0, on: .identity) }
        #expect(status(controller, "identity") == .pass)
        controller.handle(.activate(actionID: "next"))

        try wait(for: controller, "core-infra checks") { self.settled($0, on: .coreInfra) }
        #expect(controller.screen.blocks.contains { if case .checks(let rows) = $0 { return rows.allSatisfy { $0.status == .pass } }; return false })
        controller.handle(.activate(actionID: "next"))

        try wait(for: controller, "role check") { self.settled($0, on: .codestarRole) }
        #expect(status(controller, "codestar.role") == .fail)
        let createRole = try #require(controller.screen.actions.first { $0.id == "create-role" })
        #expect(createRole.confirmation?.contains("AWSServiceRoleForCodeStarNotifications") == true)
        controller.handle(.activate(actionID: "create-role"))
        try wait(for: controller, "role creation") { self.status($0, "codestar.role") == .pass && $0.screen.busy == nil }
        controller.handle(.activate(actionID: "next"))

        try wait(for: controller, "secret check") { self.settled($0, on: .githubSecret) }
        #expect(status(controller, "secret.github-token") == .fail)
        let tokenField = try #require(controller.screen.fields.first { $0.kind == .secret })
        controller.handle(.setField(id: tokenField.id, value: canary))
        #expect(!String(describing: controller.screen).contains(canary))
        controller.handle(.activate(actionID: "create-secret"))
        try wait(for: controller, "secret creation") { self.status($0, "secret.github-token") == .pass && $0.screen.busy == nil }
        controller.handle(.activate(actionID: "next"))

        #expect(controller.screen.id == "fields")
        #expect(controller.screen.fields.first { $0.id == "aws_region" }?.value == "us-west-2")
        for (name, value) in ["repository_owner": "octo-org", "cpu": "512", "memory": "1024", "container_name": "ecsdemo-nodejs", "service_name": "ecsdemo-nodejs"] {
            controller.handle(.setField(id: name, value: value))
            controller.handle(.commitField(id: name))
        }
        controller.handle(.back)
        #expect(controller.screen.id == "github-secret")
        controller.handle(.activate(actionID: "next"))
        #expect(controller.screen.fields.first { $0.id == "repository_owner" }?.value == "octo-org")
        controller.handle(.activate(actionID: "next"))

        try wait(for: controller, "engine check") { self.settled($0, on: .review) }
        controller.handle(.activate(actionID: "write-and-plan"))
        try wait(for: controller, "plan", timeout: 240) { self.settled($0, on: .planReview) }
        let apply = try #require(controller.screen.actions.first { $0.id == "apply" })
        #expect(apply.label == "Apply 26 changes")
        controller.handle(.activate(actionID: "apply"))
        try wait(for: controller, "apply", timeout: 240) { self.settled($0, on: .done) || $0.screen.actions.contains { $0.id == "retry-plan" } }

        let done = controller.screen
        #expect(done.id == "done", "\(done)")
        #expect(String(describing: done).contains("ecsdemo-nodejs.default.ecs-blueprint-infra.local"))
        controller.handle(.activate(actionID: "finish"))
        #expect(controller.outcome == .deployed)

        let tfvars = try String(contentsOf: fixture.folder.appendingPathComponent("terraform.tfvars"), encoding: .utf8)
        #expect(tfvars.contains("repository_owner"))
        #expect(tfvars.contains("\"octo-org\""))
        #expect(tfvars.contains("aws_region"))
        #expect(tfvars.range(of: #"memory\s*=\s*1024"#, options: .regularExpression) != nil)

        _ = try emulator.call("secretsmanager", "describe_secret", ["SecretId": "ecs-github-token"])
        let roles = try emulator.call("iam", "list_roles", ["PathPrefix": "/aws-service-role/codestar-notifications.amazonaws.com/"])
        #expect((roles["Roles"] as? [Any])?.count == 1)

        let runs = try FileManager.default.contentsOfDirectory(atPath: fixture.folder.appendingPathComponent(".berth/runs").path)
        #expect(runs.contains { $0.hasSuffix("-apply.jsonl") })
        let session = try #require(SessionStore(folder: fixture.folder).load())
        #expect(session.step == "done")
        #expect(session.answers["repository_owner"] == "octo-org")
        #expect(session.engineVersion == "1.15.5")
        #expect(session.checks["secret.github-token"]?.status == .pass)
        #expect(session.runs.contains { $0.hasSuffix("-apply.jsonl") })

        let secretPart = String(canary.dropFirst(4))
        for (path, data) in fixture.allFiles() {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(secretPart), "the token appears in \(path)")
        }
    }

    @Test func interruptOutsideRunAsksBeforeQuitting() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        let fixture = try WizardFixture(emulator: emulator)
        let controller = WizardController(configuration: fixture.configuration(region: "us-west-2"))

        controller.handle(.interrupt)

        #expect(controller.screen.actions.map(\.id) == ["prompt.quit", "prompt.cancel"])
        #expect(controller.outcome == nil)
        controller.handle(.activate(actionID: "prompt.cancel"))
        #expect(controller.screen.actions.map(\.id) == ["next"])
        controller.handle(.interrupt)
        controller.handle(.activate(actionID: "prompt.quit"))
        #expect(controller.outcome == .quit)
    }

    @Test func interruptDuringApplyStopsSafely() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-secret", "--with-role"])
        let fixture = try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars)
        let controller = WizardController(configuration: fixture.configuration())
        controller.start()
        for step in [WizardStep.identity, .coreInfra, .codestarRole, .githubSecret] {
            controller.handle(.activate(actionID: "next"))
            try wait(for: controller, "\(step) checks") { self.settled($0, on: step) }
        }
        controller.handle(.activate(actionID: "next"))
        controller.handle(.activate(actionID: "next"))
        try wait(for: controller, "engine check") { self.settled($0, on: .review) }
        controller.handle(.activate(actionID: "write-and-plan"))
        try wait(for: controller, "plan", timeout: 240) { self.settled($0, on: .planReview) }

        controller.handle(.activate(actionID: "apply"))
        try wait(for: controller, "a resource in progress") { controller in
            self.runSnapshot(controller)?.resources.contains { $0.state == .inProgress } == true
        }
        controller.handle(.interrupt)
        #expect(runSnapshot(controller)?.notice == "stopping safely: waiting for in-flight resources")
        controller.handle(.interrupt)
        #expect(controller.screen.actions.map(\.id) == ["prompt.stop", "prompt.cancel"])
        controller.handle(.activate(actionID: "prompt.cancel"))
        try wait(for: controller, "the stopped apply", timeout: 120) { !$0.isRunning }

        let screen = controller.screen
        #expect(screen.id == "apply")
        #expect(screen.actions.map(\.id) == ["retry-plan"])
        #expect(String(describing: screen).contains("Apply was stopped"))
        let runs = fixture.folder.appendingPathComponent(".berth/runs")
        let applyRecord = try #require(try FileManager.default.contentsOfDirectory(atPath: runs.path).first { $0.hasSuffix("-apply.jsonl") })
        let stream = try String(contentsOf: runs.appendingPathComponent(applyRecord), encoding: .utf8)
        #expect(!stream.contains("Two interrupts received"))

        // The stopped apply left its saved plan stale, so the way on is a new plan, approved again.
        controller.handle(.activate(actionID: "retry-plan"))
        try wait(for: controller, "the new plan", timeout: 240) { self.settled($0, on: .planReview) }
        controller.handle(.activate(actionID: "apply"))
        try wait(for: controller, "the second apply", timeout: 240) { self.settled($0, on: .done) }
        #expect(controller.screen.id == "done")
    }

    /// Runs redeploy from the identity step to the plan review; returns the review screen.
    @Test func unchangedTfvarsAreNotRewritten() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-secret", "--with-role"])
        let fixture = try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars)
        let tfvars = fixture.folder.appendingPathComponent("terraform.tfvars")
        let before = try Data(contentsOf: tfvars)
        let controller = WizardController(configuration: fixture.configuration(), mode: .redeploy)
        controller.start()
        try wait(for: controller, "identity checks") { self.settled($0, on: .identity) }
        for step in [WizardStep.coreInfra, .codestarRole, .githubSecret, .review] {
            controller.handle(.activate(actionID: "next"))
            try wait(for: controller, "\(step) checks") { self.settled($0, on: step) }
        }

        controller.handle(.activate(actionID: "write-and-plan"))
        let notice = String(describing: controller.screen)
        try wait(for: controller, "plan", timeout: 240) { self.settled($0, on: .planReview) }

        #expect(notice.contains("terraform.tfvars already holds these values; nothing was written."), "\(notice)")
        #expect(try Data(contentsOf: tfvars) == before)
        #expect(!FileManager.default.fileExists(atPath: tfvars.path + ".berth-backup"))
    }

    private func redeployToPlanReview(_ fixture: WizardFixture) throws -> (WizardController, Screen) {
        let controller = WizardController(configuration: fixture.configuration(), mode: .redeploy)
        controller.start()
        #expect(controller.screen.id == "identity")
        try wait(for: controller, "identity checks") { self.settled($0, on: .identity) }
        for step in [WizardStep.coreInfra, .codestarRole, .githubSecret] {
            controller.handle(.activate(actionID: "next"))
            try wait(for: controller, "\(step) checks") { self.settled($0, on: step) }
        }
        controller.handle(.activate(actionID: "next"))
        try wait(for: controller, "engine check") { self.settled($0, on: .review) }
        controller.handle(.activate(actionID: "write-and-plan"))
        try wait(for: controller, "plan", timeout: 240) { self.settled($0, on: .planReview) }
        return (controller, controller.screen)
    }

    @Test func secondControlCQuits() throws {
        let emulator = try Self.emulator.get()
        let fixture = try WizardFixture(emulator: emulator)
        let controller = WizardController(configuration: fixture.configuration(), mode: .onboard)

        controller.handle(.interrupt)
        #expect(controller.screen.actions.contains { $0.id == "prompt.quit" })
        #expect(controller.outcome == nil)
        controller.handle(.interrupt)

        #expect(controller.outcome == .quit)
        #expect(controller.outcome?.exitCode == 0)
    }

    @Test func quitAfterFailedApplyExitsOne() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-secret", "--with-role"])
        var fixture = try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars)
        fixture.extraEnvironment["BERTH_SANDBOX_FAIL"] = "1"
        let (controller, _) = try redeployToPlanReview(fixture)

        controller.handle(.activate(actionID: "apply"))
        try wait(for: controller, "the failed apply", timeout: 240) { !$0.isRunning && self.settled($0, on: .apply) }
        controller.handle(.interrupt)
        controller.handle(.activate(actionID: "prompt.quit"))

        let outcome = try #require(controller.outcome)
        #expect(outcome.exitCode == 1, "\(outcome)")
    }

    @Test func redeployWithNoChangesFinishes() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-secret", "--with-role"])
        let fixture = try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars)

        let (first, review) = try redeployToPlanReview(fixture)
        #expect(review.actions.first?.label == "Apply 26 changes")
        first.handle(.activate(actionID: "apply"))
        try wait(for: first, "apply", timeout: 240) { self.settled($0, on: .done) }
        let (second, unchanged) = try redeployToPlanReview(fixture)

        #expect(String(describing: unchanged).contains("Nothing to apply"))
        #expect(unchanged.actions.map(\.id) == ["finish"])
        second.handle(.activate(actionID: "finish"))
        #expect(second.outcome == .deployed)
        let outputs = try #require(second.lastRun?.outputs)
        #expect(outputs.map(\.name) == ["service_discovery_arn", "service_discovery_name", "service_discovery_namespace"])
        #expect(outputs.first { $0.name == "service_discovery_name" }?.value == "\"ecsdemo-backend\"")
        #expect(!outputs.contains { $0.value.hasPrefix("(") })
    }

    private func runSnapshot(_ controller: WizardController) -> RunSnapshot? {
        for block in controller.screen.blocks {
            if case .run(let snapshot) = block { return snapshot }
        }
        return nil
    }
}
