import BerthTestSupport
import BerthTerraform
import BerthWizard
import Foundation
import Testing

/// The screen after an apply stopped with Ctrl-C: which resources finished, that the state
/// was not left locked, and that applying again is safe.
@Suite(.serialized) struct LockAfterInterruptTests {
    static let emulator = Result { try Emulator() }

    private func settled(_ controller: WizardController, on step: WizardStep) -> Bool {
        let screen = controller.screen
        return screen.id == step.rawValue && screen.busy == nil && !screen.actions.isEmpty
    }

    private func runSnapshot(_ screen: Screen) -> RunSnapshot? {
        for block in screen.blocks {
            if case .run(let snapshot) = block { return snapshot }
        }
        return nil
    }

    @Test func stoppedApplyListsFinishedResources() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-secret", "--with-role"])
        let fixture = try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars)
        let controller = WizardController(configuration: fixture.offlineConfiguration(), mode: .redeploy)
        controller.start()
        try wait(for: controller, "identity checks") { self.settled($0, on: .identity) }
        for step in [WizardStep.coreInfra, .codestarRole, .githubSecret] {
            controller.handle(.activate(actionID: "next"))
            try wait(for: controller, "\(step) checks") { self.settled($0, on: step) }
        }
        controller.handle(.activate(actionID: "next"))
        try wait(for: controller, "engine check") { self.settled($0, on: .review) }
        controller.handle(.activate(actionID: "write-and-plan"))
        try wait(for: controller, "plan", timeout: 240) { self.settled($0, on: .planReview) }

        controller.handle(.activate(actionID: "apply"))
        try wait(for: controller, "a finished resource and one in progress", timeout: 120) { controller in
            let rows = self.runSnapshot(controller.screen)?.resources ?? []
            return rows.contains { $0.state == .complete } && rows.contains { $0.state == .inProgress }
        }
        controller.handle(.interrupt)
        try wait(for: controller, "the stopped apply", timeout: 120) { !$0.isRunning && self.settled($0, on: .apply) }

        let screen = controller.screen
        let snapshot = try #require(runSnapshot(screen))
        let finished = snapshot.resources.filter { $0.state == .complete }.map(\.address)
        let text = String(describing: screen)
        #expect(!finished.isEmpty)
        #expect(finished.count < Sandbox.resourceCount)
        #expect(text.contains("Finished before the stop (\(finished.count)): \(finished.prefix(10).joined(separator: ", "))"))
        #expect(text.contains("Running plan and apply again is safe"))
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent(".terraform.tfstate.lock.info").path), "the stopped apply left the state locked")
        #expect(screen.actions.map(\.id) == ["retry-plan"])

        let state = try String(contentsOf: fixture.folder.appendingPathComponent("terraform.tfstate"), encoding: .utf8)
        for address in finished {
            let name = try #require(address.split(separator: ".").last.map { String($0.split(separator: "[")[0]) })
            #expect(state.contains("\"name\": \"\(name)\""), "\(address) finished but is not in the state")
        }

        controller.handle(.activate(actionID: "retry-plan"))
        try wait(for: controller, "the run after the stop", timeout: 240) { wizard in
            !wizard.isRunning && (self.settled(wizard, on: .planReview) || self.settled(wizard, on: .plan) || self.settled(wizard, on: .apply))
        }
        let retried = controller.screen
        #expect(!String(describing: retried).contains("stale"), "the retry applied a plan made before the stop")
        #expect(retried.id == "plan-review", "the retry should make a new plan of what is left")
        let apply = try #require(retried.actions.first { $0.id == "apply" })
        #expect(apply.label.hasPrefix("Apply "))
        #expect(apply.label != "Apply \(Sandbox.resourceCount) changes", "the new plan should leave out the finished resources")
    }
}
