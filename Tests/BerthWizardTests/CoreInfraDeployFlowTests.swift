import BerthTestSupport
import BerthWizard
import Foundation
import Testing

/// Drives the core-infra deploy of `WizardController` with intents against an emulator that
/// contains no core-infra, with the real Terraform applying a copy of `sandbox/core-infra`.
@Suite(.serialized) struct CoreInfraDeployFlowTests {
    static let emulator = Result { try Emulator() }

    /// Copies the sandbox blueprint, with `sandbox/core-infra` beside it as `core-infra`.
    private func makeFixture(_ emulator: Emulator, rootAvailable: Bool = true) throws -> (WizardFixture, URL) {
        var fixture = try WizardFixture(emulator: emulator)
        let coreInfra = fixture.folder.deletingLastPathComponent().appendingPathComponent("core-infra")
        try FileManager.default.createDirectory(at: coreInfra, withIntermediateDirectories: true)
        let source = Rig.packageRoot.appendingPathComponent("sandbox/core-infra")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: coreInfra.appendingPathComponent(name))
        }
        fixture.extraEnvironment["BERTH_RIG"] = Rig.folder.path
        fixture.extraEnvironment["CHECKPOINT_DISABLE"] = "1"
        if rootAvailable {
            fixture.extraEnvironment["BERTH_ROOT"] = Rig.packageRoot.path
        }
        return (fixture, coreInfra)
    }

    private func settled(_ controller: WizardController, on id: String) -> Bool {
        let screen = controller.screen
        return screen.id == id && screen.busy == nil
    }

    private func text(_ screen: Screen) -> String {
        screen.blocks.map { block -> String in
            switch block {
            case .paragraph(let text, _): return text
            case .table(let rows): return rows.map { "\($0.key) \($0.value)" }.joined(separator: "\n")
            case .checks(let rows): return rows.map { "\($0.title) \($0.status) \($0.detail) \($0.fix ?? "")" }.joined(separator: "\n")
            case .run(let run): return (run.log + run.diagnostics.map { "\($0.summary) \($0.detail)" }).joined(separator: "\n")
            }
        }.joined(separator: "\n")
    }

    /// Starts the wizard and walks to the core-infra step's look-ups.
    private func walkToCoreInfra(_ fixture: WizardFixture) throws -> WizardController {
        let controller = WizardController(configuration: fixture.configuration(region: "us-west-2"))
        controller.start()
        controller.handle(.activate(actionID: "next"))
        try wait(for: controller, "identity checks") { self.settled($0, on: "identity") }
        controller.handle(.activate(actionID: "next"))
        try wait(for: controller, "core-infra checks") { self.settled($0, on: "core-infra") }
        return controller
    }

    @Test func deployFillsTfvarsAppliesAndMovesOn() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        let (fixture, coreInfra) = try makeFixture(emulator)
        let tfvars = coreInfra.appendingPathComponent("terraform.tfvars")
        try "# my core stack\naws_region    = \"eu-west-1\" # was wrong\nenable_nat_gw = false\n".write(to: tfvars, atomically: true, encoding: .utf8)
        let controller = try walkToCoreInfra(fixture)

        #expect(CoreInfraLookup.classify(controller.checkResults) == .missing)
        let offer = try #require(controller.screen.actions.first { $0.id == "core-infra.deploy" })
        #expect(offer.label == "Deploy core-infra now")
        #expect(offer.isDefault)
        controller.handle(.activate(actionID: "core-infra.deploy"))

        let folderScreen = controller.screen
        #expect(folderScreen.id == "core-infra-folder")
        #expect(folderScreen.fields.first?.value == coreInfra.standardizedFileURL.path)
        controller.handle(.setField(id: "core_infra_folder", value: "../core-infra"))
        controller.handle(.activate(actionID: "core-infra.use-folder"))

        let review = controller.screen
        #expect(review.id == "core-infra-review")
        #expect(text(review).contains("aws_region \"us-west-2\" (was \"eu-west-1\")"), "review: \(text(review))")
        #expect(text(review).contains("core_stack_name \"ecs-blueprint-infra\"\n"), "core_stack_name is unset in the file: \(text(review))")
        let plan = try #require(review.actions.first { $0.id == "core-infra.plan" })
        let question = try #require(plan.confirmation)
        for part in ["VPC ecs-blueprint-infra", "ECS cluster ecs-blueprint-infra", "default.ecs-blueprint-infra.local",
                     "ecs-blueprint-infra-execution", "123456789012, us-west-2", coreInfra.standardizedFileURL.path] {
            #expect(question.contains(part), "the confirmation lacks \(part): \(question)")
        }
        controller.handle(.activate(actionID: "core-infra.plan"))

        try wait(for: controller, "the core-infra plan", timeout: 180) { self.settled($0, on: "core-infra-plan-review") }
        let written = try String(contentsOf: tfvars, encoding: .utf8)
        #expect(written == "# my core stack\naws_region    = \"us-west-2\" # was wrong\nenable_nat_gw = false\n\ncore_stack_name = \"ecs-blueprint-infra\"\n")
        let planReview = controller.screen
        #expect(text(planReview).contains("7 to add, 0 to change, 0 to destroy"), "plan review: \(text(planReview))")
        let apply = try #require(planReview.actions.first { $0.id == "core-infra.apply" })
        #expect(apply.label == "Apply 7 changes")
        #expect(apply.confirmation?.contains("account 123456789012, us-west-2") == true)
        controller.handle(.activate(actionID: "core-infra.apply"))

        try wait(for: controller, "the core-infra apply and the look-ups", timeout: 240) { self.settled($0, on: "codestar-role") }
        #expect(text(controller.screen).contains("Deployed core-infra ecs-blueprint-infra from \(coreInfra.standardizedFileURL.path)"))
        for id in WizardStep.coreInfra.checkIDs {
            #expect(controller.checkResults[id]?.status == .pass, "\(id): \(String(describing: controller.checkResults[id]))")
        }
        let clusters = try emulator.call("ecs", "describe_clusters", ["clusters": ["ecs-blueprint-infra"]])
        let statuses = (clusters["clusters"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
        #expect(statuses == ["ACTIVE"])
        #expect(FileManager.default.fileExists(atPath: coreInfra.appendingPathComponent("terraform.tfstate").path))
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("terraform.tfstate").path))
    }

    @Test func folderThatIsNotCoreInfraIsRefused() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        let (fixture, _) = try makeFixture(emulator)
        let controller = try walkToCoreInfra(fixture)
        controller.handle(.activate(actionID: "core-infra.deploy"))

        let lbService = fixture.folder.deletingLastPathComponent().appendingPathComponent("lb-service")
        try FileManager.default.createDirectory(at: lbService, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixture.folder.appendingPathComponent("variables.tf"), to: lbService.appendingPathComponent("variables.tf"))
        let cases = [
            (lbService.path, "is not core-infra: its .tf files do not declare vpc_cidr, namespaces"),
            (fixture.folder.path, "is the service blueprint's own folder"),
            ("../missing", "There is no folder at"),
            (fixture.home.path, "has no .tf files"),
        ]
        for (path, message) in cases {
            controller.handle(.setField(id: "core_infra_folder", value: path))
            controller.handle(.activate(actionID: "core-infra.use-folder"))
            let screen = controller.screen
            #expect(screen.id == "core-infra-folder")
            #expect(text(screen).contains(message), "\(path): \(text(screen))")
            #expect(text(screen).contains("it sits next to backend-service"))
            #expect(screen.fields.first?.error != nil)
        }

        controller.handle(.back)
        #expect(controller.screen.id == "core-infra")
        #expect(controller.screen.actions.contains { $0.id == "core-infra.deploy" })
    }

    @Test func reviewWarnsOfLookupOverrides() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        let (fixture, _) = try makeFixture(emulator)
        try (WizardFixture.completeTfvars + "ecs_cluster_name = \"other-cluster\"\n")
            .write(to: fixture.folder.appendingPathComponent("terraform.tfvars"), atomically: true, encoding: .utf8)
        let controller = try walkToCoreInfra(fixture)
        controller.handle(.activate(actionID: "core-infra.deploy"))
        controller.handle(.activate(actionID: "core-infra.use-folder"))

        let review = controller.screen
        #expect(review.id == "core-infra-review")
        #expect(text(review).contains("sets ecs_cluster_name (other-cluster), so its look-ups will not find"), "review: \(text(review))")
        #expect(!text(review).contains("vpc_tag_key"), "review: \(text(review))")

        // The Back button (as plain mode sends it) and Esc each go one screen back.
        controller.handle(.activate(actionID: "back"))
        #expect(controller.screen.id == "core-infra-folder")
        controller.handle(.back)
        #expect(controller.screen.id == "core-infra")
        controller.handle(.activate(actionID: "back"))
        #expect(controller.screen.id == "core-infra", "a Back action outside the deploy is not the deploy's")
    }

    @Test func failedApplyShowsDiagnosticAndOffersRetryOrBack() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        let (fixture, coreInfra) = try makeFixture(emulator, rootAvailable: false)
        let controller = try walkToCoreInfra(fixture)
        controller.handle(.activate(actionID: "core-infra.deploy"))
        controller.handle(.activate(actionID: "core-infra.use-folder"))
        controller.handle(.activate(actionID: "core-infra.plan"))
        try wait(for: controller, "the core-infra plan", timeout: 180) { self.settled($0, on: "core-infra-plan-review") }
        let tfvars = try String(contentsOf: coreInfra.appendingPathComponent("terraform.tfvars"), encoding: .utf8)
        #expect(tfvars.hasPrefix("# Copy this file to terraform.tfvars"), "terraform.tfvars should start from the example: \(tfvars)")
        controller.handle(.activate(actionID: "core-infra.apply"))

        try wait(for: controller, "the failed apply", timeout: 240) { $0.screen.id == "core-infra-apply" && !$0.isRunning && $0.screen.actions.contains { $0.id == "core-infra.retry" } }
        let failed = controller.screen
        #expect(text(failed).contains("terraform apply of core-infra failed"), "\(text(failed))")
        #expect(text(failed).contains("BERTH_ROOT"), "the diagnostic should name the missing variable: \(text(failed))")
        #expect(failed.actions.map(\.id) == ["back", "core-infra.retry"])
        #expect(FileManager.default.fileExists(atPath: coreInfra.appendingPathComponent("terraform.tfstate").path))

        // Plan again makes a new plan from the saved state: the failed resources are planned again.
        controller.handle(.activate(actionID: "core-infra.retry"))
        try wait(for: controller, "the new core-infra plan", timeout: 180) { self.settled($0, on: "core-infra-plan-review") }
        let replan = text(controller.screen)
        #expect(replan.contains("terraform_data.vpc"), "plan review after the failure: \(replan)")
        #expect(!replan.contains("terraform_data.ecs_exec_log_group"), "the applied log group should not be planned again: \(replan)")

        controller.handle(.back)
        #expect(controller.screen.id == "core-infra")
        #expect(controller.currentStep == .coreInfra)
    }
}
