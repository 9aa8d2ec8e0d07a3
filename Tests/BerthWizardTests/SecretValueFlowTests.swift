import BerthTestSupport
import BerthWizard
import Foundation
import Testing

/// The GitHub token step rejecting a value that is not a token before any call, and replacing a
/// wrong value in an existing secret, through the controller and the emulator.
@Suite(.serialized) struct SecretValueFlowTests {
    static let emulator = Result { try Emulator() }

    private func settled(_ controller: WizardController, on step: WizardStep) -> Bool {
        controller.screen.id == step.rawValue && controller.screen.busy == nil
    }

    private func token() -> String {
        "ghp_" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(32)) + "ABCD"
    }

    private func secretStep(_ emulator: Emulator) throws -> (WizardController, WizardFixture) {
        let fixture = try WizardFixture(emulator: emulator)
        let controller = WizardController(configuration: fixture.configuration(region: "us-west-2"))
        controller.start()
        for step in [WizardStep.welcome, .identity, .coreInfra, .codestarRole] {
            try wait(for: controller, "\(step.rawValue) checks") { self.settled($0, on: step) }
            controller.handle(.activate(actionID: "next"))
        }
        try wait(for: controller, "secret check") { self.settled($0, on: .githubSecret) }
        return (controller, fixture)
    }

    private func secretString(_ emulator: Emulator) throws -> String? {
        try emulator.call("secretsmanager", "get_secret_value", ["SecretId": "ecs-github-token"])["SecretString"] as? String
    }

    @Test(arguments: [
        ("{\"github_token\":\"TOKEN\"}", "is JSON"),
        ("\"TOKEN\"", "quoted JSON string"),
        ("TOKEN extra", "spaces or line breaks"),
        ("not-a-token", "does not look like a GitHub token"),
    ])
    func createRejectsNonTokenValue(typed: String, reason: String) throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-role"])
        let (controller, _) = try secretStep(emulator)
        let value = typed.replacingOccurrences(of: "TOKEN", with: token())

        controller.handle(.setField(id: "github_token", value: value))
        controller.handle(.activate(actionID: "create-secret"))

        let screenText = String(describing: controller.screen)
        #expect(screenText.contains("Nothing was sent to Secrets Manager."), "\(screenText)")
        #expect(screenText.contains(reason), "\(screenText)")
        #expect(screenText.contains("github_pat_"), "the message names what to paste: \(screenText)")
        #expect(!screenText.contains(value))
        let create = controller.screen.actions.first { $0.id == "create-secret" }
        #expect(create?.enabled == true)
        let listed = try emulator.call("secretsmanager", "list_secrets", [:])
        #expect((listed["SecretList"] as? [Any])?.isEmpty == true, "no secret may be created: \(listed)")

        let good = token()
        controller.handle(.setField(id: "github_token", value: good))
        controller.handle(.activate(actionID: "create-secret"))
        try wait(for: controller, "secret creation") { $0.checkResults["secret.github-token"]?.status == .pass && $0.screen.busy == nil }
        #expect(try secretString(emulator) == good)
    }

    @Test func fineGrainedTokenIsCreated() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-role"])
        let (controller, _) = try secretStep(emulator)
        let fineGrained = "github_pat_" + String(repeating: "A1b2", count: 20)

        controller.handle(.setField(id: "github_token", value: fineGrained))
        controller.handle(.activate(actionID: "create-secret"))
        try wait(for: controller, "secret creation") { $0.checkResults["secret.github-token"]?.status == .pass && $0.screen.busy == nil }

        #expect(try secretString(emulator) == fineGrained)
    }

    @Test(arguments: [["--secret-json"], ["--secret-binary"], ["--secret-empty"], ["--with-secret"]])
    func wrongValueIsReplacedAfterConfirmation(seed: [String]) throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-role"] + seed)
        if seed == ["--with-secret"] {
            _ = try emulator.call("secretsmanager", "put_secret_value", ["SecretId": "ecs-github-token", "SecretString": "hunter2"])
        }
        let (controller, _) = try secretStep(emulator)
        #expect(controller.checkResults["secret.github-token"]?.status != .pass)

        let replace = try #require(controller.screen.actions.first { $0.id == "replace-secret-value" })
        #expect(replace.confirmation?.contains("secret ecs-github-token in us-west-2") == true)
        #expect(controller.screen.fields.first { $0.id == "github_token" }?.kind == .secret)
        #expect(!controller.screen.actions.contains { $0.id == "create-secret" })

        controller.handle(.setField(id: "github_token", value: "{\"token\":\"\(token())\"}"))
        controller.handle(.activate(actionID: "replace-secret-value"))
        #expect(String(describing: controller.screen).contains("Nothing was sent to Secrets Manager."))

        let good = token()
        controller.handle(.setField(id: "github_token", value: good))
        controller.handle(.activate(actionID: "replace-secret-value"))
        try wait(for: controller, "replace") { $0.checkResults["secret.github-token"]?.status == .pass && $0.screen.busy == nil }

        #expect(try secretString(emulator) == good)
        #expect(String(describing: controller.screen).contains("Stored the token as the new value of ecs-github-token"))
        #expect(!controller.screen.actions.contains { $0.id == "replace-secret-value" })
        #expect(controller.screen.actions.first { $0.id == "next" }?.enabled == true)
    }

    @Test func goodSecretOffersNoReplace() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-role", "--with-secret"])
        let (controller, _) = try secretStep(emulator)

        #expect(controller.checkResults["secret.github-token"]?.status == .pass)
        #expect(!controller.screen.actions.contains { $0.id == "replace-secret-value" })
        #expect(!controller.screen.fields.contains { $0.kind == .secret })
    }
}
