import BerthTestSupport
import Foundation
import Testing

/// The core-infra deploy in a real 100x30 terminal: the emulator contains no core-infra, so the
/// wizard offers to deploy it, refuses a folder that is not core-infra, applies a copy of
/// `sandbox/core-infra` with the real Terraform, finds core-infra and goes on to the next step.
@Suite struct CoreInfraDeployTerminalTests {
    @Test func wizardDeploysCoreInfraAndMovesOn() throws {
        let emulator = try Emulator()
        let run = try WizardTerminalRun(emulator: emulator, extraEnvironment: [
            "BERTH_ROOT": Rig.packageRoot.path,
            "BERTH_RIG": Rig.folder.path,
            // Terraform's upgrade check would contact checkpoint-api.hashicorp.com; tests stay on loopback.
            "CHECKPOINT_DISABLE": "1",
        ])
        defer { run.session.kill() }
        let coreInfra = try copyCoreInfra(nextTo: run.blueprint)
        let lbService = run.blueprint.deletingLastPathComponent().appendingPathComponent("lb-service")
        try FileManager.default.createDirectory(at: lbService, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: run.blueprint.appendingPathComponent("variables.tf"), to: lbService.appendingPathComponent("variables.tf"))

        try run.waitFor("Deploy the ECS backend service", "[ Start ]")
        try run.focus(button: "Start")
        try run.press("Enter")
        try run.waitFor("AWS identity and region", "Berth will use this account and region")
        try run.focus(button: "Continue")
        try run.press("Enter")

        let core = try waitForText(run, "Core infrastructure", "None of core-infra ecs-blueprint-infra exists in us-west-2", "[ Deploy core-infra now ]")
        // The view scrolls to the focused default action, so the first rows may be above it.
        for row in ["✘ ECS cluster", "✘ Service discovery namespace", "✘ Task execution role"] {
            #expect(core.contains(row), "core-infra lacks \(row):\n\(core)")
        }
        try run.focus(button: "Deploy core-infra now")
        try run.press("Enter")

        // The field shows the end of the default path, ../core-infra beside the blueprint.
        try run.waitFor("Deploy core-infra: folder", "[ Use this folder ]", "-\(coreInfra.deletingLastPathComponent().lastPathComponent.suffix(12))/core-infra ]")
        try chooseFolder(run, lbService.path)
        let refused = try waitForText(run, "is not core-infra: its .tf files do not declare vpc_cidr, namespaces", "it sits next to backend-service")
        #expect(refused.contains("Deploy core-infra: folder"), "refusal:\n\(refused)")
        try chooseFolder(run, coreInfra.path)

        try run.waitFor("Deploy core-infra: review", "[ Write and plan ]")
        try run.focus(button: "Write and plan")
        try run.press("Enter")
        let question = Self.dialogText(try run.waitFor("Write and plan?", "[ y: Yes ]"))
        for part in ["VPC ecs-blueprint-infra", "ECS cluster ecs-blueprint-infra", "account 123456789012, us-west-2", "ecs-blueprint-infra-execution"] {
            #expect(question.contains(part), "the confirmation lacks \(part): \(question)")
        }
        try run.press("y")

        let plan = try run.waitFor("Deploy core-infra: plan review", "[ Apply 8 changes ]", timeout: 180)
        #expect(plan.contains("Plan: 8 to add, 0 to change, 0 to destroy"), "plan review:\n\(plan)")
        #expect(plan.contains("create  terraform_data.service_discovery_namespaces"), "plan review:\n\(plan)")
        try run.focus(button: "Apply 8 changes")
        try run.press("Enter")
        try run.waitFor("Apply 8 changes?", "[ y: Yes ]")
        try run.press("y")
        // The apply runs in the same live panes as the backend's.
        try run.waitFor("Deploy core-infra: apply", "┌─ Resources (8)", timeout: 30)

        let next = try waitForText(run, "CodeStar Notifications role", "Deployed core-infra ecs-blueprint-infra from \(coreInfra.path)", "the look-ups find it", timeout: 300)
        #expect(next.contains("Step 4 of 11"), "after the deploy:\n\(next)")
        try expectCoreInfra(in: emulator)
        #expect(FileManager.default.fileExists(atPath: coreInfra.appendingPathComponent("terraform.tfstate").path))

        try run.press("C-c")
        try run.waitFor("Quit Berth?")
        try run.press("C-c")
        #expect(try run.waitForBerthExit() == 0)
    }

    /// Waits until the screen, its rows joined by spaces (a long paragraph wraps), contains every one of `texts`.
    @discardableResult
    private func waitForText(_ run: WizardTerminalRun, _ texts: String..., timeout: TimeInterval = 20) throws -> String {
        try run.waitFor(timeout: timeout, texts.joined(separator: " and ")) { screen in
            let flat = Self.joinedRows(screen)
            return texts.allSatisfy { flat.contains($0) }
        }
    }

    /// Joins the screen's rows with single spaces, without frame lines and edge spaces.
    private static func joinedRows(_ screen: String) -> String {
        screen.components(separatedBy: "\n")
            .map { $0.replacingOccurrences(of: "│", with: " ").trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// Replaces the folder field's text with `path` and chooses Use this folder.
    private func chooseFolder(_ run: WizardTerminalRun, _ path: String) throws {
        try run.focus(field: "core-infra folder")
        try run.press("C-u")
        try run.type(path)
        try run.focus(button: "Use this folder")
        try run.press("Enter")
    }

    private func copyCoreInfra(nextTo blueprint: URL) throws -> URL {
        let target = blueprint.deletingLastPathComponent().appendingPathComponent("core-infra")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let source = Rig.packageRoot.appendingPathComponent("sandbox/core-infra")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".tf") || name == "terraform.tfvars.example" {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
        return target
    }

    /// Checks, outside Berth, that the emulator contains what the blueprint's look-ups expect.
    private func expectCoreInfra(in emulator: Emulator) throws {
        let vpcs = try emulator.call("ec2", "describe_vpcs", ["Filters": [["Name": "tag:Name", "Values": ["ecs-blueprint-infra"]]]])
        let vpcIDs = (vpcs["Vpcs"] as? [[String: Any]] ?? []).compactMap { $0["VpcId"] as? String }
        #expect(vpcIDs.count == 1, "VPCs tagged Name=ecs-blueprint-infra: \(vpcIDs)")

        let subnets = try emulator.call("ec2", "describe_subnets", ["Filters": [["Name": "tag:Name", "Values": ["ecs-blueprint-infra-private-*"]]]])
        let subnetVPCs = (subnets["Subnets"] as? [[String: Any]] ?? []).compactMap { $0["VpcId"] as? String }
        #expect(subnetVPCs.count == 3, "private subnets' VPCs: \(subnetVPCs)")
        #expect(Set(subnetVPCs) == Set(vpcIDs), "private subnets' VPCs: \(subnetVPCs)")

        let clusters = try emulator.call("ecs", "describe_clusters", ["clusters": ["ecs-blueprint-infra"]])
        #expect((clusters["clusters"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String } == ["ACTIVE"])

        let namespaces = try emulator.call("servicediscovery", "list_namespaces")
        let names = (namespaces["Namespaces"] as? [[String: Any]] ?? []).compactMap { $0["Name"] as? String }
        #expect(names.contains("default.ecs-blueprint-infra.local"), "namespaces: \(names)")

        let role = try emulator.call("iam", "get_role", ["RoleName": "ecs-blueprint-infra-execution"])
        #expect((role["Role"] as? [String: Any])?["RoleName"] as? String == "ecs-blueprint-infra-execution")
    }

    /// Returns the text inside a dialog's frame, its rows joined by spaces.
    private static func dialogText(_ screen: String) -> String {
        screen.components(separatedBy: "\n").compactMap { row -> String? in
            guard let open = row.firstIndex(of: "│"), let close = row.lastIndex(of: "│"), open < close else { return nil }
            return row[row.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
        }.joined(separator: " ")
    }
}
