import BerthTestSupport
import BerthTerraform
import BerthWizard
import Foundation
import Testing

/// The wizard's failed-run screen when the state is locked by a second, real Terraform process.
@Suite(.serialized) struct LockFlowTests {
    static let emulator = Result { try Emulator() }

    /// A second `terraform apply` on the fixture's state file, stuck in a `sleep` provisioner
    /// while it holds the state lock.
    final class LockHolder {
        let process = Process()
        let folder: URL
        let lockInfo: URL

        init(stateFolder: URL, environment: [String: String]) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-lock-holder-\(UUID().uuidString)")
            lockInfo = stateFolder.appendingPathComponent(".terraform.tfstate.lock.info")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try """
            terraform {
              backend "local" {
                path = "\(stateFolder.appendingPathComponent("terraform.tfstate").path)"
              }
            }

            resource "terraform_data" "hold" {
              provisioner "local-exec" {
                command = "sleep 120"
              }
            }
            """.write(to: folder.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)

            let initialise = Process()
            initialise.executableURL = Rig.terraform
            initialise.arguments = ["init", "-input=false", "-no-color"]
            initialise.currentDirectoryURL = folder
            initialise.environment = environment
            initialise.standardOutput = FileHandle.nullDevice
            try initialise.run()
            initialise.waitUntilExit()
            guard initialise.terminationStatus == 0 else {
                throw RigError("terraform init for the lock holder failed with exit status \(initialise.terminationStatus) in \(folder.path)")
            }

            process.executableURL = Rig.terraform
            process.arguments = ["apply", "-auto-approve", "-input=false", "-no-color"]
            process.currentDirectoryURL = folder
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(60)
            while !FileManager.default.fileExists(atPath: lockInfo.path) {
                guard Date() < deadline, process.isRunning else {
                    throw RigError("the lock holder did not take the state lock (no \(lockInfo.path))")
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }

        /// Returns the lock ID Terraform wrote into the lock info file.
        func lockID() throws -> String {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: lockInfo)) as? [String: Any]
            return try #require(object?["ID"] as? String)
        }

        /// Kills the holder and its `sleep` child, as a crashed run would end.
        func kill() {
            let children = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/task/\(process.processIdentifier)/children", encoding: .utf8)) ?? ""
            if process.isRunning {
                Glibc.kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            for child in children.split(separator: " ").compactMap({ Int32($0) }) {
                Glibc.kill(child, SIGKILL)
            }
            try? FileManager.default.removeItem(at: folder)
        }

        deinit { kill() }
    }

    private func settled(_ controller: WizardController, on step: WizardStep) -> Bool {
        let screen = controller.screen
        return screen.id == step.rawValue && screen.busy == nil && !screen.actions.isEmpty
    }

    @Test func lockedPlanOffersUnlockAfterConfirmation() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-secret", "--with-role"])
        let fixture = try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars)
        let holder = try LockHolder(stateFolder: fixture.folder, environment: fixture.offlineEnvironment())
        defer { holder.kill() }
        let lockID = try holder.lockID()

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
        try wait(for: controller, "the locked plan", timeout: 240) { self.settled($0, on: .plan) }

        let locked = controller.screen
        let text = String(describing: locked)
        #expect(text.contains("The Terraform state is locked"))
        #expect(locked.blocks.contains(.table([
            KeyValueRow("Lock ID", lockID),
        ] + rows(locked, after: "Lock ID"))))
        #expect(rows(locked, after: "Lock ID").map(\.key).prefix(3) == ["Who", "Operation", "Created"])
        #expect(rows(locked, after: "Lock ID").first { $0.key == "Operation" }?.value == "OperationTypeApply")
        #expect(!locked.actions.contains { $0.id == "lock.force-unlock" }, "Force unlock is offered before the confirmation")
        let confirm = try #require(locked.actions.first { $0.id == "lock.confirm-no-other-run" })
        let question = try #require(confirm.confirmation)
        #expect(question.contains(lockID))
        #expect(question.contains("terraform force-unlock -force \(lockID)"))
        #expect(question.contains("deletes the lock"))
        let retry = try #require(locked.actions.first { $0.id == "retry-plan" })
        #expect(retry.isDefault)

        controller.handle(.activate(actionID: "lock.force-unlock"))
        #expect(!String(describing: controller.screen).contains("Releasing lock"), "force-unlock ran without the confirmation")

        controller.handle(.activate(actionID: "lock.confirm-no-other-run"))
        let offered = controller.screen
        let unlock = try #require(offered.actions.first { $0.id == "lock.force-unlock" })
        #expect(unlock.label == "Force unlock")
        #expect(unlock.confirmation?.contains("terraform force-unlock -force \(lockID)") == true)

        // For a local state, Terraform's force-unlock exits with "LocalState not locked" (the
        // lock belongs to the holder's process), so the screen reports the failure.
        controller.handle(.activate(actionID: "lock.force-unlock"))
        try wait(for: controller, "the force-unlock outcome") { wizard in
            let screen = String(describing: wizard.screen)
            return screen.contains("Lock \(lockID) released") || screen.contains("force-unlock -force \(lockID) failed")
        }
        #expect(String(describing: controller.screen).contains("terraform force-unlock -force \(lockID) failed (exit status 1)"))

        holder.kill()
        controller.handle(.activate(actionID: "retry-plan"))
        try wait(for: controller, "the plan after the holder ended", timeout: 240) { self.settled($0, on: .planReview) }
        #expect(controller.screen.actions.first?.label == "Apply \(Sandbox.resourceCount) changes")
    }

    /// An init that cannot install a provider (the only mirror is a closed loopback port) is
    /// explained as an install problem with its fix, on the same failed-run screen.
    @Test func providerInstallFailureExplained() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-secret", "--with-role"])
        let fixture = try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars)
        try """
        terraform {
          required_providers {
            missing = {
              source = "example/missing"
            }
          }
        }
        """.write(to: fixture.folder.appendingPathComponent("providers.tf"), atomically: true, encoding: .utf8)
        let cliConfiguration = fixture.home.appendingPathComponent("mirror.tfrc")
        try """
        provider_installation {
          network_mirror {
            url = "https://127.0.0.1:9/"
          }
        }
        """.write(to: cliConfiguration, atomically: true, encoding: .utf8)

        let controller = WizardController(configuration: fixture.offlineConfiguration(["TF_CLI_CONFIG_FILE": cliConfiguration.path]), mode: .redeploy)
        controller.start()
        try wait(for: controller, "identity checks") { self.settled($0, on: .identity) }
        for step in [WizardStep.coreInfra, .codestarRole, .githubSecret] {
            controller.handle(.activate(actionID: "next"))
            try wait(for: controller, "\(step) checks") { self.settled($0, on: step) }
        }
        controller.handle(.activate(actionID: "next"))
        try wait(for: controller, "engine check") { self.settled($0, on: .review) }
        controller.handle(.activate(actionID: "write-and-plan"))
        try wait(for: controller, "the failed init", timeout: 240) { self.settled($0, on: .plan) }

        let text = String(describing: controller.screen)
        #expect(text.contains("terraform init failed"))
        #expect(text.contains("Terraform could not install the provider"))
        #expect(text.contains("Next: Check the network, HTTPS_PROXY"))
        #expect(!controller.screen.actions.contains { $0.id.hasPrefix("lock.") })
    }

    /// Returns the rows of the table that starts with `key`, without that first row.
    private func rows(_ screen: Screen, after key: String) -> [KeyValueRow] {
        for block in screen.blocks {
            if case .table(let rows) = block, rows.first?.key == key {
                return Array(rows.dropFirst())
            }
        }
        return []
    }
}
