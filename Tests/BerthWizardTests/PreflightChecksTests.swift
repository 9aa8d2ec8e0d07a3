import BerthTestSupport
import BerthWizard
import Foundation
import Testing

/// The preflight checks against the moto emulator, seeded to trigger each one.
@Suite(.serialized) struct PreflightChecksTests {
    static let emulator = Result { try Emulator() }

    private func fixture(seed arguments: [String], tfvars: String = WizardFixture.completeTfvars) throws -> WizardFixture {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(arguments)
        return try WizardFixture(emulator: emulator, tfvars: tfvars)
    }

    /// Runs every check with `extra` added to the fixture's environment.
    private func runChecks(_ fixture: WizardFixture, extra: [String: String] = [:]) -> [String: CheckResult] {
        let configuration = WizardSetup(
            folder: fixture.folder, profile: nil, region: nil, enginePath: Rig.terraform.path,
            environment: fixture.environment.merging(extra) { _, new in new }, homeDirectory: fixture.home.path
        ).makeConfiguration()
        let context = CheckContext(settings: configuration.settings, account: configuration.account,
                                   engineProbe: configuration.engineProbe, files: configuration.files)
        return CheckRunner().run(WizardChecks.all, context: context)
    }

    private func namespaceZone(_ emulator: Emulator) throws -> String {
        let namespaces = try emulator.call("servicediscovery", "list_namespaces")["Namespaces"] as? [[String: Any]] ?? []
        let id = try #require(namespaces.first?["Id"] as? String)
        let namespace = try emulator.call("servicediscovery", "get_namespace", ["Id": id])["Namespace"] as? [String: Any]
        let properties = namespace?["Properties"] as? [String: Any]
        return try #require((properties?["DnsProperties"] as? [String: Any])?["HostedZoneId"] as? String)
    }

    @Test func secondVPCMakesLookupsAmbiguous() throws {
        let fixture = try fixture(seed: ["--with-secret", "--with-role", "--second-vpc"])

        let result = try #require(runChecks(fixture)["preflight.ambiguous-lookups"])

        #expect(result.status == .fail)
        #expect(result.evidence.contains("2 VPCs have the tag Name = \"ecs-blueprint-infra\""))
        #expect(result.evidence.contains("private subnets matching \"ecs-blueprint-infra-private-*\" sit in 2 VPCs"))
        #expect(result.fix?.contains("Remove the duplicate or leftover core-infra stack") == true)
        #expect(result.fix?.contains("vpc_tag_value") == true)
    }

    @Test func twoPrefixedExecutionRolesAreAmbiguous() throws {
        let fixture = try fixture(seed: ["--with-secret", "--with-role", "--without", "role"])
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        for suffix in ["20230101a", "20230102b"] {
            _ = try fixture.emulator.call("iam", "create_role", ["RoleName": "ecs-blueprint-infra-execution-\(suffix)", "AssumeRolePolicyDocument": policy])
        }

        let result = try #require(runChecks(fixture)["preflight.ambiguous-lookups"])

        #expect(result.status == .fail)
        #expect(result.evidence.contains("ecs-blueprint-infra-execution-20230101a, ecs-blueprint-infra-execution-20230102b"))
        #expect(result.fix?.contains("ecs_task_execution_role_name") == true)
    }

    @Test func singleCoreInfraLookupsPass() throws {
        let fixture = try fixture(seed: ["--with-secret", "--with-role"])

        let result = try #require(runChecks(fixture)["preflight.ambiguous-lookups"])

        #expect(result.status == .pass, "\(result.evidence)")
    }

    @Test func namespaceWithoutListedVPCWarns() throws {
        let fixture = try fixture(seed: ["--with-secret", "--with-role", "--namespace-zone-unlinked"])

        let result = try #require(runChecks(fixture)["preflight.namespace-vpc"])

        #expect(result.status == .warn)
        #expect(result.evidence.contains("Route 53 lists no VPC"))
        #expect(result.fix?.contains("aws route53 get-hosted-zone --id") == true)
    }

    @Test func namespaceInOtherVPCFails() throws {
        let fixture = try fixture(seed: ["--with-secret", "--with-role", "--namespace-zone-unlinked"])
        let zone = try namespaceZone(fixture.emulator)
        let other = try #require((try fixture.emulator.call("ec2", "create_vpc", ["CidrBlock": "10.9.0.0/16"])["Vpc"] as? [String: Any])?["VpcId"] as? String)
        _ = try fixture.emulator.call("route53", "associate_vpc_with_hosted_zone", ["HostedZoneId": zone, "VPC": ["VPCRegion": "us-west-2", "VPCId": other]])

        let result = try #require(runChecks(fixture)["preflight.namespace-vpc"])

        #expect(result.status == .fail)
        #expect(result.evidence.contains("is attached to \(other)"))
        #expect(result.fix?.contains("aws route53 associate-vpc-with-hosted-zone") == true)
    }

    @Test func namespaceInSubnetsVPCPasses() throws {
        let fixture = try fixture(seed: ["--with-secret", "--with-role"])
        let vpc = try #require(runChecks(fixture)["core.vpc"]?.facts["vpc_id"])

        let result = try #require(runChecks(fixture)["preflight.namespace-vpc"])

        #expect(result.status == .pass, "\(result.evidence)")
        #expect(result.evidence.contains(vpc))
    }

    @Test func existingFixedNamesCollide() throws {
        let fixture = try fixture(seed: ["--with-secret", "--with-role"])
        _ = try fixture.emulator.call("ecr", "create_repository", ["repositoryName": "ecsdemo-nodejs"])
        _ = try fixture.emulator.call("sns", "create_topic", ["Name": "ecsdemo-backend"])
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        _ = try fixture.emulator.call("iam", "create_role", ["RoleName": "ecsdemo-backend-task", "AssumeRolePolicyDocument": policy])

        let result = try #require(runChecks(fixture)["preflight.name-collisions"])

        #expect(result.status == .fail)
        #expect(result.evidence.contains("the ECR repository ecsdemo-nodejs (container_name) exists"))
        #expect(result.evidence.contains("the SNS topic ecsdemo-backend (service_name) exists"))
        #expect(result.evidence.contains("the IAM role ecsdemo-backend-task exists"))
        #expect(result.fix?.contains("set service_name and container_name") == true)
        #expect(result.fix?.contains("terraform import") == true)
    }

    @Test func namesInOwnStateDoNotCollide() throws {
        let fixture = try fixture(seed: ["--with-secret", "--with-role"])
        _ = try fixture.emulator.call("ecr", "create_repository", ["repositoryName": "ecsdemo-nodejs"])
        _ = try fixture.emulator.call("sns", "create_topic", ["Name": "ecsdemo-backend"])
        let state = """
        {"version": 4, "resources": [
          {"type": "aws_ecr_repository", "name": "this", "instances": [{"attributes": {"name": "ecsdemo-nodejs"}}]},
          {"type": "aws_sns_topic", "name": "this", "instances": [{"attributes": {"name": "ecsdemo-backend"}}]}
        ]}
        """
        try state.write(to: fixture.folder.appendingPathComponent("terraform.tfstate"), atomically: true, encoding: .utf8)

        let result = try #require(runChecks(fixture)["preflight.name-collisions"])

        #expect(result.status == .pass, "\(result.evidence)")
    }

    @Test func remoteBackendCollisionOnlyWarns() throws {
        let fixture = try fixture(seed: ["--with-secret", "--with-role"])
        _ = try fixture.emulator.call("sns", "create_topic", ["Name": "ecsdemo-backend"])
        let marker = fixture.folder.appendingPathComponent(".terraform")
        try FileManager.default.createDirectory(at: marker, withIntermediateDirectories: true)
        try #"{"version": 3, "backend": {"type": "s3", "config": {}}}"#.write(to: marker.appendingPathComponent("terraform.tfstate"), atomically: true, encoding: .utf8)

        let result = try #require(runChecks(fixture)["preflight.name-collisions"])

        #expect(result.status == .warn)
        #expect(result.evidence.contains("remote backend"))
        #expect(result.fix?.contains("terraform state list") == true)
    }

    @Test func fargateRejectedPairFails() throws {
        let tfvars = WizardFixture.completeTfvars.replacingOccurrences(of: "memory                   = 512", with: "memory                   = 4096")
        let fixture = try fixture(seed: ["--with-secret", "--with-role"], tfvars: tfvars)

        let result = try #require(runChecks(fixture)["preflight.fargate-size"])

        #expect(result.status == .fail)
        #expect(result.evidence.contains("Fargate does not accept memory = 4096 with cpu = 256"))
        #expect(result.fix?.contains("256 with 512") == true)
    }

    @Test func secretScheduledForDeletionFailsThenRestores() throws {
        let fixture = try fixture(seed: ["--with-secret", "--with-role"])
        _ = try fixture.emulator.call("secretsmanager", "delete_secret", ["SecretId": "ecs-github-token", "RecoveryWindowInDays": 7])

        let result = try #require(runChecks(fixture)["secret.github-token"])

        #expect(result.status == .fail)
        #expect(result.evidence.contains("scheduled for deletion"))
        #expect(result.fix?.contains("aws secretsmanager restore-secret --secret-id ecs-github-token") == true)

        let configuration = fixture.configuration()
        let services = try #require(configuration.account.services)
        let context = CheckContext(settings: configuration.settings, account: configuration.account)
        let restored = SecretPreflight.restore(name: "ecs-github-token", using: services, context: context)
        #expect(restored.status == .pass, "\(restored.evidence)")
    }

    @Test func secretSearchRegionsAreConfigurable() throws {
        let fixture = try fixture(seed: ["--with-role"])
        _ = try fixture.emulator.call("secretsmanager", "create_secret", ["Name": "ecs-github-token", "SecretString": "plain-text-stand-in"], region: "eu-north-1")

        let listed = try #require(runChecks(fixture, extra: ["BERTH_SECRET_REGIONS": "ap-south-1,eu-north-1"])["secret.github-token"])
        let unlisted = try #require(runChecks(fixture, extra: ["BERTH_SECRET_REGIONS": "us-east-1"])["secret.github-token"])

        #expect(listed.status == .fail)
        #expect(listed.evidence.contains("is in eu-north-1, not in us-west-2"))
        #expect(unlisted.status == .fail)
        #expect(!unlisted.evidence.contains("eu-north-1"))
    }
}
