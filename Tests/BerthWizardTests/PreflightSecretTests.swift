import BerthTestSupport
import BerthWizard
import Foundation
import Testing

/// The token secret's preflight extras through the wizard and the real AWS stack.
@Suite(.serialized) struct PreflightSecretTests {
    static let emulator = Result { try Emulator() }

    private func settled(_ controller: WizardController, on step: WizardStep) -> Bool {
        controller.screen.id == step.rawValue && controller.screen.busy == nil
    }

    @Test func wizardRestoresScheduledSecret() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-secret", "--with-role"])
        _ = try emulator.call("secretsmanager", "delete_secret", ["SecretId": "ecs-github-token", "RecoveryWindowInDays": 7])
        let fixture = try WizardFixture(emulator: emulator)
        let controller = WizardController(configuration: fixture.configuration(region: "us-west-2"))
        controller.start()

        for step in [WizardStep.welcome, .identity, .coreInfra, .codestarRole] {
            try wait(for: controller, "\(step.rawValue) checks") { self.settled($0, on: step) }
            controller.handle(.activate(actionID: "next"))
        }
        try wait(for: controller, "secret check") { self.settled($0, on: .githubSecret) }

        #expect(controller.checkResults["secret.github-token"]?.status == .fail)
        let restore = try #require(controller.screen.actions.first { $0.id == "restore-secret" })
        #expect(restore.confirmation?.contains("ecs-github-token") == true)
        #expect(controller.screen.actions.contains { $0.id == "create-secret" } == false)

        controller.handle(.activate(actionID: "restore-secret"))
        try wait(for: controller, "restore") { $0.checkResults["secret.github-token"]?.status == .pass && $0.screen.busy == nil }

        #expect(String(describing: controller.screen).contains("Restored secret ecs-github-token"))
        #expect(controller.screen.actions.contains { $0.id == "restore-secret" } == false)
        let described = try emulator.call("secretsmanager", "describe_secret", ["SecretId": "ecs-github-token"])
        #expect(described["DeletedDate"] == nil)
    }

    @Test func kmsDenialThroughAWSStackNamesKey() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-secret", "--with-role"])
        let denial = #"{"__type":"AccessDeniedException","Message":"Access to KMS is not allowed"}"#
        let proxy = try FaultProxy(upstream: emulator.url, faults: [
            .forward,
            .forward,
            .respond(status: 400, headers: [("Content-Type", "application/x-amz-json-1.1")], body: denial),
        ])
        let fixture = try WizardFixture(emulator: emulator)
        var environment = fixture.environment
        environment["AWS_ENDPOINT_URL"] = proxy.url.absoluteString
        let configuration = WizardSetup(folder: fixture.folder, profile: nil, region: "us-west-2", enginePath: nil,
                                        environment: environment, homeDirectory: fixture.home.path).makeConfiguration()
        let context = CheckContext(settings: configuration.settings, account: configuration.account)

        let result = GitHubTokenSecretCheck().run(context)

        #expect(result.status == .fail)
        #expect(result.evidence.contains("exists, but reading it was denied by KMS"))
        #expect(result.fix?.contains("kms:Decrypt") == true)
        #expect(result.fix?.contains("Do not re-create the secret") == true)
        #expect(proxy.requestCount == 3)
    }
}
