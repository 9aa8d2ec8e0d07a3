import BerthTestSupport
import BerthWizard
import Foundation
import Testing

/// The checks against the moto emulator, seeded the way core-infra names things.
@Suite(.serialized) struct AccountChecksTests {
    static let emulator = Result { try Emulator() }

    private func fixture(seed arguments: [String], tfvars: String? = WizardFixture.completeTfvars) throws -> WizardFixture {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(arguments)
        return try WizardFixture(emulator: emulator, tfvars: tfvars)
    }

    @Test func fullySeededAccountPassesEveryCheck() throws {
        let fixture = try fixture(seed: ["--with-secret", "--with-role"])

        let results = fixture.runChecks()

        for check in WizardChecks.all {
            #expect(results[check.id]?.status == .pass, "\(check.id): \(results[check.id]?.evidence ?? "no result")")
        }
        #expect(results["identity"]?.facts["account"] == "123456789012")
        #expect(results["core.vpc"]?.facts["vpc_id"]?.hasPrefix("vpc-") == true)
    }

    @Test func missingSecretFailsWithCreateFix() throws {
        let fixture = try fixture(seed: ["--with-role"])

        let result = try #require(fixture.runChecks()["secret.github-token"])

        #expect(result.status == .fail)
        #expect(result.evidence.contains("No secret named ecs-github-token in us-west-2"))
        #expect(result.fix?.contains("aws secretsmanager create-secret --name ecs-github-token") == true)
    }

    @Test func missingServiceLinkedRoleFails() throws {
        let fixture = try fixture(seed: ["--with-secret"])

        let result = try #require(fixture.runChecks()["codestar.role"])

        #expect(result.status == .fail)
        #expect(result.fix?.contains("aws iam create-service-linked-role --aws-service-name codestar-notifications.amazonaws.com") == true)
    }

    @Test func missingClusterFailsAndExplains() throws {
        let fixture = try fixture(seed: ["--with-secret", "--with-role", "--without", "cluster"])

        let result = try #require(fixture.runChecks()["core.cluster"])

        #expect(result.status == .fail)
        #expect(result.evidence.contains("\"ecs-blueprint-infra\" does not exist"))
        #expect(result.fix?.contains("core_stack_name = \"ecs-blueprint-infra\"") == true)
    }

    @Test func inactiveClusterCountsAsNotDeployed() throws {
        let fixture = try fixture(seed: ["--inactive-cluster"])

        let result = try #require(fixture.runChecks()["core.cluster"])

        #expect(result.status == .fail)
        #expect(result.evidence.contains("is INACTIVE"))
    }

    @Test func clusterFromRenamedFolderIsSuggested() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--core-stack-name", "core-infra-dev"])
        let fixture = try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars + "core_stack_name = \"core-infra\"\n")

        let results = fixture.runChecks()
        let cluster = try #require(results["core.cluster"])
        let namespace = try #require(results["core.namespace"])

        #expect(cluster.status == .fail)
        #expect(cluster.evidence.contains("core-infra-dev"))
        #expect(cluster.fix?.contains("folder name") == true)
        #expect(cluster.fix?.contains("change core_stack_name (or ecs_cluster_name) in terraform.tfvars to core-infra-dev") == true)
        #expect(namespace.status == .fail)
        #expect(namespace.evidence.contains("default.core-infra-dev.local"))
    }

    @Test func missingCoreInfraFailsEachLookup() throws {
        let fixture = try fixture(seed: ["--without", "vpc", "--without", "subnets", "--without", "namespace", "--without", "role"])

        let results = fixture.runChecks()

        #expect(results["core.vpc"]?.status == .fail)
        #expect(results["core.subnets"]?.status == .unknown)
        #expect(results["core.namespace"]?.status == .fail)
        #expect(results["core.execution-role"]?.status == .fail)
        #expect(results["core.execution-role"]?.fix?.contains("Deploy core-infra in us-west-2") == true)
    }

    @Test func duplicateVPCNameFails() throws {
        let fixture = try fixture(seed: ["--second-vpc"])

        let result = try #require(fixture.runChecks()["core.vpc"])

        #expect(result.status == .fail)
        #expect(result.evidence.contains("2 VPCs"))
    }

    @Test func jsonSecretFailsWithPutFix() throws {
        let fixture = try fixture(seed: ["--secret-json"])

        let result = try #require(fixture.runChecks()["secret.github-token"])

        #expect(result.status == .fail)
        #expect(result.evidence.contains("JSON key/value object"))
        #expect(result.fix?.contains("aws secretsmanager put-secret-value --secret-id ecs-github-token --secret-string <token>") == true)
    }

    @Test func secretWithoutValueFailsInEmulator() throws {
        let fixture = try fixture(seed: [])
        _ = try fixture.emulator.call("secretsmanager", "create_secret", ["Name": "ecs-github-token"], region: "us-west-2")

        let result = try #require(fixture.runChecks()["secret.github-token"])

        #expect(result.status == .fail)
        #expect(result.evidence.contains("exists but has no value (no AWSCURRENT version)"))
        #expect(result.fix?.contains("aws secretsmanager put-secret-value --secret-id ecs-github-token") == true)
    }

    @Test func binarySecretFails() throws {
        let fixture = try fixture(seed: ["--secret-binary"])

        let result = try #require(fixture.runChecks()["secret.github-token"])

        #expect(result.status == .fail)
        #expect(result.evidence.contains("is binary"))
    }

    @Test func secretARNResolvesToName() throws {
        let report = try {
            let emulator = try Self.emulator.get()
            try emulator.reset()
            return try emulator.seed(["--with-secret"])
        }()
        let arn = try #require(report.secrets?.first?.arn)
        let fixture = try WizardFixture(emulator: Self.emulator.get(), tfvars: "github_token_secret_name = \"\(arn)\"\n")

        let result = try #require(fixture.runChecks()["secret.github-token"])

        #expect(result.status == .pass, "\(result.evidence)")
        #expect(result.facts["secret_name"] == "ecs-github-token")
    }

    @Test func regionPinnedInProviderMustMatch() throws {
        let fixture = try fixture(seed: [])
        let pin = "provider \"aws\" {\n  region = \"eu-central-1\"\n}\n"
        try pin.write(to: fixture.folder.appendingPathComponent("providers.tf"), atomically: true, encoding: .utf8)

        let result = try #require(fixture.runChecks()["region"])

        #expect(result.status == .fail)
        #expect(result.evidence.contains("providers.tf:2 pins provider \"aws\" to eu-central-1"))
    }

    @Test func commentedOutRequiredVariableFails() throws {
        let fixture = try fixture(seed: [], tfvars: "aws_region = \"us-west-2\"\n# repository_owner = \"\"\ncpu = 256\nmemory = 512\ncontainer_name = \"x\"\n")

        let result = try #require(fixture.runChecks()["tfvars"])

        #expect(result.status == .fail)
        #expect(result.evidence.contains("required and unset: repository_owner"))
    }

    @Test func secretInOtherRegionIsNamed() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed([])
        _ = try emulator.call("secretsmanager", "create_secret", ["Name": "ecs-github-token", "SecretString": "plain-text-stand-in"], region: "us-east-1")
        let fixture = try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars)

        let result = try #require(fixture.runChecks()["secret.github-token"])

        #expect(result.status == .fail)
        #expect(result.evidence.contains("is in us-east-1, not in us-west-2"))
        #expect(result.fix?.contains("Or deploy in us-east-1.") == true)
    }

    @Test func hardCodedClusterNameNamesFile() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--core-stack-name", "core-infra-dev"])
        let fixture = try WizardFixture(emulator: emulator)
        for name in ["variables.tf", "main.tf", "outputs.tf"] {
            try FileManager.default.removeItem(at: fixture.folder.appendingPathComponent(name))
        }
        let main = "data \"aws_ecs_cluster\" \"core_infra\" {\n  cluster_name = \"core-infra\"\n}\n"
        try main.write(to: fixture.folder.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        let configuration = fixture.configuration(region: "us-west-2")
        var settings = configuration.settings
        settings.coreStackName = "core-infra"
        let context = CheckContext(settings: settings, account: configuration.account, files: configuration.files)

        let result = ClusterCheck().run(context)

        #expect(result.status == .fail)
        #expect(result.fix?.contains("the cluster name hard-coded in main.tf") == true)
    }
}
