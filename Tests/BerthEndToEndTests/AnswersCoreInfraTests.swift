import BerthTestSupport
import Foundation
import Testing

/// `berth --answers FILE` against an emulator without core-infra. With `deploy_core_infra` the
/// run deploys a copy of `sandbox/core-infra` with the real Terraform, then onboards and
/// applies the backend. Without the key it stops with exit status 2 and names it.
@Suite struct AnswersCoreInfraTests {
    static let withoutCoreInfra = ["--without", "vpc", "--without", "subnets", "--without", "cluster", "--without", "namespace", "--without", "role", "--with-secret", "--with-role"]

    /// What the core-infra sandbox's apply needs: it runs scripts/rig/core_infra.py from this checkout.
    static let coreInfraEnvironment = [
        "BERTH_ROOT": Rig.packageRoot.path,
        "BERTH_RIG": Rig.folder.path,
        // Terraform's upgrade check would contact checkpoint-api.hashicorp.com; tests stay on loopback.
        "CHECKPOINT_DISABLE": "1",
    ]

    @Test func deploysCoreInfraThenAppliesBackend() throws {
        let emulator = try Emulator()
        try emulator.seed(Self.withoutCoreInfra)
        let answers = AnswersErrorTests.complete + """
            core_infra_folder = "../core-infra"
            deploy_core_infra = "approve"
            apply             = "approve"

            """
        let run = try AnswersRun(emulator: emulator, answers: answers, prefix: "answers-core-infra", extraEnvironment: Self.coreInfraEnvironment)
        let coreInfra = try Self.copyCoreInfra(into: run.root.url)

        let result = try run.run(timeout: 600)

        let output = result.output
        #expect(result.status == 0, "exit \(result.status)\n\(output)\n\(result.errors)")
        #expect(!result.timedOut)
        #expect(output.contains("Deploy core-infra now yes (deploy_core_infra = \"approve\", \(run.answersFile.path) line 7)"), "\(output)")
        #expect(output.contains("core_infra_folder = ../core-infra  (\(run.answersFile.path) line 6)"), "\(output)")
        let corePlan = try #require(output.range(of: "Plan: 8 to add, 0 to change, 0 to destroy, for core-infra in \(coreInfra.path)."), "no core-infra plan summary:\n\(output)")
        let coreApply = try #require(output.range(of: "Apply 8 changes to create core-infra in account 123456789012, us-west-2"), "no core-infra approval:\n\(output)")
        #expect(corePlan.lowerBound < coreApply.lowerBound, "the core-infra plan must be printed before its apply")
        let deployed = try #require(output.range(of: "Deployed core-infra ecs-blueprint-infra from \(coreInfra.path)"), "\(output)")
        let backendPlan = try #require(output.range(of: "Plan: 26 to add, 0 to change, 0 to destroy."), "no backend plan:\n\(output)")
        #expect(deployed.lowerBound < backendPlan.lowerBound)
        #expect(output.contains("== Step 11 of 11: Done"), "\(output)")

        let coreState = try Self.resourceCount(coreInfra.appendingPathComponent("terraform.tfstate"))
        #expect(coreState == 8, "core-infra state resources: \(coreState)")
        #expect(try Self.resourceCount(run.blueprint.appendingPathComponent("terraform.tfstate")) > 0)
        let clusters = try emulator.call("ecs", "describe_clusters", ["clusters": ["ecs-blueprint-infra"]])
        #expect((clusters["clusters"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String } == ["ACTIVE"])
        let tfvars = try String(contentsOf: coreInfra.appendingPathComponent("terraform.tfvars"), encoding: .utf8)
        #expect(tfvars.contains("ecs-blueprint-infra"), "core-infra terraform.tfvars:\n\(tfvars)")
    }

    @Test func missingDeployKeyStopsWithItsName() throws {
        let emulator = try Emulator()
        try emulator.seed(Self.withoutCoreInfra)
        let run = try AnswersRun(emulator: emulator, answers: AnswersErrorTests.complete + "apply = \"approve\"\n", prefix: "answers-core-infra-key",
                                 extraEnvironment: Self.coreInfraEnvironment)
        let coreInfra = try Self.copyCoreInfra(into: run.root.url)

        let result = try run.run(timeout: 120)

        #expect(result.status == 2, "exit \(result.status)\n\(result.output)\n\(result.errors)")
        #expect(result.output.contains("berth: \(run.answersFile.path), key deploy_core_infra: is needed to answer \"Deploy core-infra now\"."), "\(result.output)")
        #expect(result.output.contains("Add deploy_core_infra = \"approve\" to the file, or deploy_core_infra = \"plan\" to stop after the plan."), "\(result.output)")
        #expect(!FileManager.default.fileExists(atPath: coreInfra.appendingPathComponent("terraform.tfvars").path), "core-infra's terraform.tfvars was written")
        #expect(!run.exists("terraform.tfvars"))
    }

    @Test func wrongFolderNamesItsKey() throws {
        let emulator = try Emulator()
        try emulator.seed(Self.withoutCoreInfra)
        let answers = AnswersErrorTests.complete + "core_infra_folder = \"../backend-service\"\ndeploy_core_infra = \"approve\"\napply = \"approve\"\n"
        let run = try AnswersRun(emulator: emulator, answers: answers, prefix: "answers-core-infra-folder", extraEnvironment: Self.coreInfraEnvironment)

        let result = try run.run(timeout: 120)

        #expect(result.status == 2, "exit \(result.status)\n\(result.output)\n\(result.errors)")
        #expect(result.output.contains("berth: \(run.answersFile.path) line 6, key core_infra_folder: is not valid on the Deploy core-infra: folder screen"), "\(result.output)")
        #expect(result.output.contains("Correct the value in the file."), "\(result.output)")
        #expect(!run.exists("terraform.tfstate"))
    }

    @Test func planValueStopsAfterCoreInfraPlan() throws {
        let emulator = try Emulator()
        try emulator.seed(Self.withoutCoreInfra)
        let run = try AnswersRun(emulator: emulator, answers: AnswersErrorTests.complete + "deploy_core_infra = \"plan\"\napply = \"approve\"\n",
                                 prefix: "answers-core-infra-plan", extraEnvironment: Self.coreInfraEnvironment)
        let coreInfra = try Self.copyCoreInfra(into: run.root.url)

        let result = try run.run(timeout: 300)

        #expect(result.status == 0, "exit \(result.status)\n\(result.output)\n\(result.errors)")
        #expect(result.output.contains("Plan: 8 to add, 0 to change, 0 to destroy, for core-infra in \(coreInfra.path)."), "\(result.output)")
        #expect(result.output.contains("Stopped after the plan, as deploy_core_infra = \"plan\" asks; nothing was applied. Set deploy_core_infra = \"approve\" to apply."), "\(result.output)")
        let clusters = try emulator.call("ecs", "list_clusters")
        #expect((clusters["clusterArns"] as? [String] ?? []).isEmpty, "a cluster exists although only the plan was asked for")
        #expect(try Self.resourceCount(coreInfra.appendingPathComponent("terraform.tfstate")) == 0)
    }

    /// Copies the core-infra sandbox's `.tf` files and example next to the blueprint, as `scripts/sandbox --without-core-infra` does.
    static func copyCoreInfra(into root: URL) throws -> URL {
        let target = root.appendingPathComponent("core-infra")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let source = Rig.packageRoot.appendingPathComponent("sandbox/core-infra")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".tf") || name == "terraform.tfvars.example" {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
        return target
    }

    /// Returns the number of resources in a local state file, or 0 when there is none.
    static func resourceCount(_ state: URL) throws -> Int {
        guard let data = FileManager.default.contents(atPath: state.path), !data.isEmpty else { return 0 }
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(state.path) is not JSON")
        return (object["resources"] as? [Any])?.count ?? 0
    }
}
