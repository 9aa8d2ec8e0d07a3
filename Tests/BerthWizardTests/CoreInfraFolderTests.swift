import BerthTestSupport
import BerthWizard
import Foundation
import Testing

/// `CoreInfraFolder` on copies of `sandbox/core-infra`, and `CoreInfraLookup` on made-up results.
@Suite struct CoreInfraFolderTests {
    private func copyCoreInfra() throws -> (TemporaryFolder, URL) {
        let root = try TemporaryFolder(prefix: "core-infra-folder")
        let folder = root.file("core-infra")
        try FileManager.default.copyItem(at: Rig.packageRoot.appendingPathComponent("sandbox/core-infra"), to: folder)
        return (root, folder)
    }

    @Test func missingNamespaceIsAppended() throws {
        let (root, folder) = try copyCoreInfra()
        defer { root.remove() }
        try "namespaces = [\"default\"] # only one\n".write(to: folder.appendingPathComponent("terraform.tfvars"), atomically: true, encoding: .utf8)
        let core = try CoreInfraFolder.open(folder, blueprint: root.file("backend-service"))

        let changes = try core.changes(coreStackName: "ecs-blueprint-infra", region: "us-west-2", namespace: "shop")
        #expect(changes.map(\.name) == ["core_stack_name", "aws_region", "namespaces"])
        #expect(changes.last?.encoded == "[\"default\", \"shop\"]")
        #expect(changes.last?.previous == "[\"default\"]")
        #expect(try core.namespaces(including: "shop") == ["default", "shop"])

        try core.write(changes)
        let text = try String(contentsOf: core.tfvarsURL, encoding: .utf8)
        #expect(text.hasPrefix("namespaces = [\"default\", \"shop\"] # only one\n"), "\(text)")
        #expect(try core.changes(coreStackName: "ecs-blueprint-infra", region: "us-west-2", namespace: "shop").isEmpty)
    }

    @Test func newTfvarsListsNoPreviousValues() throws {
        let (root, folder) = try copyCoreInfra()
        defer { root.remove() }
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("terraform.tfvars"))
        try "core_stack_name = \"from-example\"\n".write(to: folder.appendingPathComponent("terraform.tfvars.example"), atomically: true, encoding: .utf8)
        let core = try CoreInfraFolder.open(folder, blueprint: root.file("backend-service"))

        let changes = try core.changes(coreStackName: "ecs-blueprint-infra", region: "us-west-2", namespace: "shop")

        #expect(changes.map(\.name).contains("core_stack_name"))
        #expect(changes.allSatisfy { $0.previous == nil }, "\(changes)")
    }

    @Test func defaultNamespacesComeFromVariables() throws {
        let (root, folder) = try copyCoreInfra()
        defer { root.remove() }
        let core = try CoreInfraFolder.open(folder, blueprint: root.file("backend-service"))

        #expect(core.defaultNamespaces == ["default", "myapp"])
        #expect(try core.namespaces(including: "default") == ["default", "myapp"])
    }

    @Test func currentLayoutWithoutVariablesIsRejected() throws {
        let root = try TemporaryFolder(prefix: "core-infra-current")
        defer { root.remove() }
        let folder = root.file("core-infra")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "locals {\n  name = basename(path.cwd)\n}\n".write(to: folder.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)

        #expect {
            try CoreInfraFolder.open(folder, blueprint: root.file("backend-service"))
        } throws: { error in
            "\(error)".contains("declare no variables") && "\(error)".contains("deploy that one by hand")
        }
    }

    @Test func relativePathStartsAtBlueprint() {
        let blueprint = URL(fileURLWithPath: "/work/blueprints/backend-service")

        #expect(CoreInfraFolder.resolve("../core-infra", blueprint: blueprint, homeDirectory: nil).path == "/work/blueprints/core-infra")
        #expect(CoreInfraFolder.resolve("~/core-infra", blueprint: blueprint, homeDirectory: "/home/me").path == "/home/me/core-infra")
        #expect(CoreInfraFolder.defaultURL(nextTo: blueprint).path == "/work/blueprints/core-infra")
    }

    @Test func lookupClassification() {
        let notFound = CheckResult.fail("No VPC.", fix: "Deploy core-infra in us-west-2 with core_stack_name = \"x\".")
        let skipped = CheckResult.unknown("Skipped because \"Core VPC\" failed.", fix: "Fix \"Core VPC\" first.")
        let pass = CheckResult.pass("found")
        let denied = CheckResult.unknown("DescribeClusters was denied (AccessDenied).", fix: "Grant ecs:DescribeClusters.")
        let duplicate = CheckResult.fail("2 VPCs have the tag.", fix: "Remove the duplicate core-infra stack.")
        func results(_ vpc: CheckResult, _ subnets: CheckResult, _ cluster: CheckResult) -> [String: CheckResult] {
            ["core.vpc": vpc, "core.subnets": subnets, "core.cluster": cluster, "core.namespace": notFound, "core.execution-role": notFound]
        }

        #expect(CoreInfraLookup.classify(results(notFound, skipped, notFound)) == .missing)
        #expect(CoreInfraLookup.classify(results(pass, pass, notFound)) == .partial)
        #expect(CoreInfraLookup.classify(results(notFound, skipped, denied)) == .undecided)
        #expect(CoreInfraLookup.classify(results(duplicate, skipped, notFound)) == .undecided)
        #expect(CoreInfraLookup.classify(["core.vpc": notFound]) == .undecided)
        let allPass = Dictionary(uniqueKeysWithValues: WizardStep.coreInfra.checkIDs.map { ($0, pass) })
        #expect(CoreInfraLookup.classify(allPass) == .found)
    }
}
