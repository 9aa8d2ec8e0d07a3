import BerthTestSupport
import BerthWizard
import Foundation
import Testing

/// `berth redeploy` and resuming an onboarding, driven through `WizardController` against the
/// emulator and the real Terraform on a copy of the sandbox blueprint.
@Suite(.serialized) struct RedeployFlowTests {
    static let emulator = Result { try Emulator() }

    private func settled(_ controller: WizardController, on step: WizardStep) -> Bool {
        let screen = controller.screen
        return screen.id == step.rawValue && screen.busy == nil
    }

    private func fixture() throws -> WizardFixture {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-secret", "--with-role"])
        return try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars + "desired_count = 1 # tasks\n")
    }

    private func configuration(_ fixture: WizardFixture) -> WizardConfiguration {
        var configuration = fixture.configuration()
        configuration.verifyTimeout = 0
        configuration.sleep = { _ in }
        return configuration
    }

    /// Runs redeploy from the identity step to the plan review.
    private func redeployToPlanReview(_ controller: WizardController) throws {
        try wait(for: controller, "identity checks") { self.settled($0, on: .identity) }
        for step in [WizardStep.coreInfra, .codestarRole, .githubSecret] {
            controller.handle(.activate(actionID: "next"))
            try wait(for: controller, "\(step) checks") { self.settled($0, on: step) }
        }
        controller.handle(.activate(actionID: "next"))
        try wait(for: controller, "engine check") { self.settled($0, on: .review) }
        controller.handle(.activate(actionID: "write-and-plan"))
        try wait(for: controller, "plan", timeout: 240) { self.settled($0, on: .planReview) }
    }

    private func tables(_ screen: Screen) -> [[KeyValueRow]] {
        screen.blocks.compactMap { if case .table(let rows) = $0 { return rows } else { return nil } }
    }

    @Test func redeployListsChangedFieldsAndRecordsApply() throws {
        let fixture = try fixture()
        let first = WizardController(configuration: configuration(fixture), mode: .redeploy)
        first.start()
        try wait(for: first, "identity checks") { self.settled($0, on: .identity) }
        #expect(String(describing: first.screen).contains("No earlier Berth run is known for this folder"))
        try redeployToPlanReview(first)
        first.handle(.activate(actionID: "apply"))
        try wait(for: first, "apply", timeout: 240) { self.settled($0, on: .done) }
        let applied = try #require(SessionStore(folder: fixture.folder).load()?.applied)
        #expect(applied["desired_count"] == "1")
        #expect(applied["service_name"] == nil)

        let tfvars = fixture.folder.appendingPathComponent("terraform.tfvars")
        var text = try String(contentsOf: tfvars, encoding: .utf8)
        text = text.replacingOccurrences(of: "desired_count = 1 # tasks", with: "desired_count = 2 # tasks, raised by hand")
        text += "# the orders service\nservice_name = \"orders\"\n"
        try text.write(to: tfvars, atomically: true, encoding: .utf8)

        let second = WizardController(configuration: configuration(fixture), mode: .redeploy)
        second.start()
        try wait(for: second, "identity checks") { self.settled($0, on: .identity) }
        let identity = second.screen
        #expect(String(describing: identity).contains("Changed in terraform.tfvars since the last apply"))
        #expect(tables(identity).contains([KeyValueRow("desired_count", "1 → 2"), KeyValueRow("service_name", "(not set) → orders")]))
        try redeployToPlanReview(second)
        let review = second.screen
        #expect(!String(describing: review).contains("Nothing to apply"))
        #expect(!String(describing: review).contains("Plan: 0 to add, 0 to change, 0 to destroy."))
        #expect(review.actions.first?.id == "apply")
        second.handle(.activate(actionID: "apply"))
        try wait(for: second, "apply", timeout: 240) { self.settled($0, on: .done) }

        let after = try String(contentsOf: tfvars, encoding: .utf8)
        #expect(after.contains("# tasks, raised by hand"))
        #expect(after.contains("# the orders service"))
        let session = try #require(SessionStore(folder: fixture.folder).load())
        #expect(session.applied?["desired_count"] == "2")
        #expect(session.applied?["service_name"] == "orders")
        #expect(session.appliedAt != nil)
    }

    @Test func redeployNamesValuesAWSNoLongerHolds() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-role", "--without", "cluster"])
        let fixture = try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars)
        let controller = WizardController(configuration: configuration(fixture), mode: .redeploy)
        controller.start()

        try wait(for: controller, "every check") { controller in
            ["core.cluster", "secret.github-token"].allSatisfy { [.fail, .pass, .warn, .unknown].contains(controller.checkResults[$0]?.status ?? .pending) }
        }

        let rows = tables(controller.screen).last ?? []
        #expect(rows.map(\.key) == ["core_stack_name (default)", "github_token_secret_name = \"ecs-github-token\""])
    }

    @Test func resumeOffersTheSavedStepAndRestoresAnswers() throws {
        let fixture = try fixture()
        var session = Session(step: WizardStep.githubSecret.rawValue, now: Date(timeIntervalSince1970: 1_800_000_000))
        session.answers = ["repository_owner": "octo-resumed", "github_token_secret_name": "ecs-github-token"]
        try SessionStore(folder: fixture.folder).save(session)

        let controller = WizardController(configuration: configuration(fixture), mode: .onboard)
        let welcome = controller.screen
        #expect(welcome.id == "welcome")
        #expect(welcome.blocks.first == .paragraph("Continue where you stopped (step 5 of 11, GitHub token secret, 2027-01-15 08:00 UTC)?", .emphasis))
        #expect(welcome.actions.map(\.label) == ["Continue", "Start over"])

        controller.handle(.activate(actionID: ResumeOffer.continueID))

        #expect(controller.currentStep == .githubSecret)
        #expect(controller.screen.fields.first { $0.id == "github_token_secret_name" }?.value == "ecs-github-token")
        #expect(SessionStore(folder: fixture.folder).load()?.answers["repository_owner"] == "octo-resumed")
    }

    @Test func resumeRestoresNamesTypedOnCheckSteps() throws {
        let fixture = try fixture()
        var session = Session(step: WizardStep.codestarRole.rawValue, now: Date(timeIntervalSince1970: 1_800_000_000))
        session.answers = ["core_stack_name": "other-stack"]
        try SessionStore(folder: fixture.folder).save(session)
        let controller = WizardController(configuration: configuration(fixture), mode: .onboard)
        controller.start()
        try wait(for: controller, "the first checks") { $0.checkResults["core.cluster"].map { ![.pending, .running].contains($0.status) } ?? false }

        controller.handle(.activate(actionID: ResumeOffer.continueID))
        try wait(for: controller, "the checks for other-stack") { controller in
            controller.checkResults["core.cluster"].map { $0.status == .fail && $0.evidence.contains("other-stack") } ?? false
        }

        #expect(controller.currentStep == .codestarRole)
        #expect(SessionStore(folder: fixture.folder).load()?.answers["core_stack_name"] == "other-stack")
    }

    @Test func resumeOfAPlanReturnsToTheReviewWithTheForm() throws {
        let fixture = try fixture()
        let session = Session(step: WizardStep.apply.rawValue, now: Date(timeIntervalSince1970: 1_800_000_000))
        try SessionStore(folder: fixture.folder).save(session)

        let controller = WizardController(configuration: configuration(fixture), mode: .onboard)
        controller.handle(.activate(actionID: ResumeOffer.continueID))

        #expect(controller.currentStep == .review)
        #expect(tables(controller.screen).first?.contains { $0.key == "repository_owner" } == true)
    }

    @Test func startOverForgetsTheEarlierAnswers() throws {
        let fixture = try fixture()
        var session = Session(step: WizardStep.fields.rawValue, now: Date(timeIntervalSince1970: 1_800_000_000))
        session.answers = ["container_port": "8080"]
        try SessionStore(folder: fixture.folder).save(session)

        let controller = WizardController(configuration: configuration(fixture), mode: .onboard)
        controller.handle(.activate(actionID: ResumeOffer.restartID))

        let screen = controller.screen
        #expect(screen.id == "welcome")
        #expect(screen.actions.map(\.id) == ["next"])
        #expect(SessionStore(folder: fixture.folder).load()?.answers["container_port"] == nil)
        #expect(SessionStore(folder: fixture.folder).load()?.step == "welcome")
    }

    @Test func finishedSessionOffersNoResume() throws {
        let fixture = try fixture()
        try SessionStore(folder: fixture.folder).save(Session(step: WizardStep.done.rawValue, now: Date()))

        let controller = WizardController(configuration: configuration(fixture), mode: .onboard)

        #expect(controller.screen.actions.map(\.id) == ["next"])
    }
}
