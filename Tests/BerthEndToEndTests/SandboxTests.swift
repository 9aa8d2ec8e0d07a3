import BerthTestSupport
import Foundation
import Testing

/// The sandbox blueprint applied with the rig's real Terraform in a temporary copy.
@Suite struct SandboxTests {
    private let environment = ["TF_CLI_CONFIG_FILE": "/dev/null", "TF_IN_AUTOMATION": "1", "BERTH_SANDBOX_FAIL": ""]

    @Test func sandboxAppliesAllResources() throws {
        try Rig.require()
        let folder = try TemporaryFolder(prefix: "sandbox")
        try Sandbox.copy(to: folder.url)
        try Sandbox.writeFilledTfvars(in: folder.url)

        try terraform(["init", "-input=false", "-no-color"], in: folder).requireSuccess()
        let apply = try terraform(["apply", "-auto-approve", "-input=false", "-no-color"], in: folder)
        try apply.requireSuccess()
        #expect(apply.standardOutput.contains("Apply complete! Resources: \(Sandbox.resourceCount) added, 0 changed, 0 destroyed."))

        let state = try terraform(["state", "list"], in: folder).requireSuccess()
        let addresses = state.standardOutput.split(separator: "\n").map(String.init)
        #expect(addresses.count == Sandbox.resourceCount)
        #expect(addresses.contains("terraform_data.codestar_notification_rule"))
        #expect(addresses.contains("terraform_data.ecs_service"))

        let outputs = try terraform(["output", "-json"], in: folder).requireSuccess()
        let decoded = try JSONSerialization.jsonObject(with: Data(outputs.standardOutput.utf8)) as? [String: [String: Any]]
        #expect(decoded?["service_discovery_name"]?["value"] as? String == "ecsdemo-nodejs")
        let arn = decoded?["service_discovery_arn"]?["value"] as? String ?? ""
        #expect(arn.hasPrefix("arn:aws:servicediscovery:us-west-2:123456789012:service/srv-"))
        let namespace = decoded?["service_discovery_namespace"]?["value"] as? String ?? ""
        #expect(namespace.hasPrefix("ns-"))

        let again = try terraform(["plan", "-input=false", "-no-color", "-detailed-exitcode"], in: folder)
        #expect(again.exitStatus == 0, "a second plan should find no changes: \(again)")
    }

    @Test func failureSwitchFailsNotificationRule() throws {
        try Rig.require()
        let folder = try TemporaryFolder(prefix: "sandbox-fail")
        try Sandbox.copy(to: folder.url)
        try Sandbox.writeFilledTfvars(in: folder.url)

        try terraform(["init", "-input=false", "-no-color"], in: folder).requireSuccess()
        let apply = try terraform(
            ["apply", "-auto-approve", "-input=false", "-no-color"], in: folder, extra: ["BERTH_SANDBOX_FAIL": "1"])

        #expect(apply.exitStatus == 1)
        #expect(apply.standardError.contains("terraform_data.codestar_notification_rule"))
        let diagnostic = apply.standardError.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(diagnostic.contains("ConfigurationException: AWS CodeStar Notifications could not create the AWS CloudWatch Events managed rule"))
        #expect(diagnostic.contains("the service-linked role for AWS CodeStar Notifications might not yet exist"))
    }

    @Test func failureFileFailsOnlyWhilePresent() throws {
        try Rig.require()
        let folder = try TemporaryFolder(prefix: "sandbox-fail-file")
        try Sandbox.copy(to: folder.url)
        try Sandbox.writeFilledTfvars(in: folder.url)
        let marker = try folder.write("fail\n", to: "fail-next-apply")
        let apply = ["apply", "-auto-approve", "-input=false", "-no-color"]

        try terraform(["init", "-input=false", "-no-color"], in: folder).requireSuccess()
        let failed = try terraform(apply, in: folder, extra: ["BERTH_SANDBOX_FAIL": marker.path])
        try FileManager.default.removeItem(at: marker)
        let retried = try terraform(apply, in: folder, extra: ["BERTH_SANDBOX_FAIL": marker.path])

        #expect(failed.exitStatus == 1)
        #expect(failed.standardError.contains("ConfigurationException"))
        #expect(retried.exitStatus == 0, "\(retried)")
    }

    @Test func missingRepositoryOwnerFailsFast() throws {
        try Rig.require()
        let folder = try TemporaryFolder(prefix: "sandbox-owner")
        try Sandbox.copy(to: folder.url)
        try folder.write(try String(contentsOf: Sandbox.source.appendingPathComponent("terraform.tfvars.example"), encoding: .utf8),
                         to: "terraform.tfvars")

        try terraform(["init", "-input=false", "-no-color"], in: folder).requireSuccess()
        let plan = try terraform(["plan", "-input=false", "-no-color"], in: folder)

        #expect(plan.exitStatus == 1)
        #expect(plan.standardError.contains("No value for required variable"))
        #expect(plan.standardError.contains("repository_owner"))
    }

    @Test func copyLeavesStateAndTfvarsBehind() throws {
        let folder = try TemporaryFolder(prefix: "sandbox-copy")
        try Sandbox.copy(to: folder.url)

        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(names == ["main.tf", "outputs.tf", "terraform.tfvars.example", "variables.tf", "versions.tf"])
    }

    @Test func templateMatchesSandboxVariables() throws {
        let templates = Rig.packageRoot.appendingPathComponent("templates/backend-service")
        for name in ["variables.tf", "terraform.tfvars.example"] {
            let template = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            let sandbox = try String(contentsOf: Sandbox.source.appendingPathComponent(name), encoding: .utf8)
            #expect(template == sandbox, "templates/backend-service/\(name) and sandbox/backend-service/\(name) differ")
        }
    }

    private func terraform(_ arguments: [String], in folder: TemporaryFolder, extra: [String: String] = [:]) throws -> ChildProcessResult {
        try ChildProcess.run(
            Rig.terraform.path, arguments, environment: environment.merging(extra) { _, new in new },
            directory: folder.url, timeout: 120)
    }
}
