import BerthTestSupport
import Foundation
import Testing

/// `scripts/rig/seed.py`, checked through boto3 (`Emulator.call`) so these tests do not
/// depend on Berth's own AWS clients.
@Suite struct SeedTests {
    @Test func defaultSeedCreatesCoreInfra() throws {
        let emulator = try Emulator()
        let report = try emulator.seed()

        let vpcs = try emulator.call("ec2", "describe_vpcs", [
            "Filters": [["Name": "tag:Name", "Values": ["ecs-blueprint-infra"]]],
        ])["Vpcs"] as? [[String: Any]] ?? []
        #expect(vpcs.count == 1)
        let vpc = try #require(vpcs.first)
        #expect(vpc["VpcId"] as? String == report.vpc?.id)
        #expect(vpc["CidrBlock"] as? String == "10.0.0.0/16")
        #expect(tags(of: vpc)["Blueprint"] == "ecs-blueprint-infra")

        let privateSubnets = try subnets(named: "ecs-blueprint-infra-private-*", in: emulator)
        #expect(privateSubnets.map(\.cidr) == ["10.0.10.0/24", "10.0.11.0/24", "10.0.12.0/24"])
        #expect(privateSubnets.map(\.name) == [
            "ecs-blueprint-infra-private-us-west-2a",
            "ecs-blueprint-infra-private-us-west-2b",
            "ecs-blueprint-infra-private-us-west-2c",
        ])
        #expect(privateSubnets.allSatisfy { $0.vpcID == report.vpc?.id })
        let publicSubnets = try subnets(named: "ecs-blueprint-infra-public-*", in: emulator)
        #expect(publicSubnets.map(\.cidr) == ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"])

        let clusters = try emulator.call("ecs", "describe_clusters", ["clusters": ["ecs-blueprint-infra"]])
        let cluster = try #require((clusters["clusters"] as? [[String: Any]])?.first)
        #expect(cluster["status"] as? String == "ACTIVE")

        let namespaces = try emulator.call("servicediscovery", "list_namespaces")["Namespaces"] as? [[String: Any]] ?? []
        #expect(namespaces.map { $0["Name"] as? String } == ["default.ecs-blueprint-infra.local"])
        #expect(namespaces.first?["Type"] as? String == "DNS_PRIVATE")
        #expect(namespaces.first?["Id"] as? String == report.namespace?.id)

        let role = try emulator.call("iam", "get_role", ["RoleName": "ecs-blueprint-infra-execution"])["Role"] as? [String: Any]
        #expect(role?["Arn"] as? String == report.executionRole?.arn)
    }

    @Test func defaultSeedLeavesSecretAndRoleOut() throws {
        let emulator = try Emulator()
        let report = try emulator.seed()

        #expect(report.secrets == nil)
        #expect(report.serviceLinkedRole == nil)
        let secretError = #expect(throws: EmulatorCallError.self) {
            try emulator.call("secretsmanager", "describe_secret", ["SecretId": "ecs-github-token"])
        }
        #expect(secretError?.code == "ResourceNotFoundException")
        let roleError = #expect(throws: EmulatorCallError.self) {
            try emulator.call("iam", "get_role", ["RoleName": "AWSServiceRoleForCodeStarNotifications"])
        }
        #expect(roleError?.code == "NoSuchEntity")
    }

    @Test func secretHoldsFakeClassicToken() throws {
        let emulator = try Emulator()
        let report = try emulator.seed(["--with-secret"])

        #expect(report.secrets?.map(\.name) == ["ecs-github-token"])
        let value = try emulator.call("secretsmanager", "get_secret_value", ["SecretId": "ecs-github-token"])
        let token = try #require(value["SecretString"] as? String)
        #expect(token.hasPrefix("ghp_"))
        #expect(token.count == 40)
        #expect(token.dropFirst(4).allSatisfy { $0 == "x" || $0.isNumber })
    }

    @Test func serviceLinkedRoleHasAWSName() throws {
        let emulator = try Emulator()
        let report = try emulator.seed(["--with-role"])

        #expect(report.serviceLinkedRole?.name == "AWSServiceRoleForCodeStarNotifications")
        let role = try emulator.call("iam", "get_role", ["RoleName": "AWSServiceRoleForCodeStarNotifications"])["Role"] as? [String: Any]
        #expect(role?["Path"] as? String == "/aws-service-role/codestar-notifications.amazonaws.com/")
    }

    @Test func secretKindsStoreTheirShapes() throws {
        let emulator = try Emulator()
        let report = try emulator.seed(["--secret-json", "as-json", "--secret-binary", "as-binary", "--secret-empty", "as-empty"])
        #expect(report.secrets?.map(\.kind) == ["json", "binary", "empty"])

        let json = try emulator.call("secretsmanager", "get_secret_value", ["SecretId": "as-json"])
        let text = try #require(json["SecretString"] as? String)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        #expect(object?["token"]?.hasPrefix("ghp_") == true)

        let binary = try emulator.call("secretsmanager", "get_secret_value", ["SecretId": "as-binary"])
        #expect(binary["SecretString"] == nil)
        #expect(binary["SecretBinary"] != nil)

        let emptyError = #expect(throws: EmulatorCallError.self) {
            try emulator.call("secretsmanager", "get_secret_value", ["SecretId": "as-empty"])
        }
        #expect(emptyError?.code == "ResourceNotFoundException")
        let described = try emulator.call("secretsmanager", "describe_secret", ["SecretId": "as-empty"])
        #expect(described["Name"] as? String == "as-empty")
    }

    @Test(arguments: ["vpc", "subnets", "cluster", "namespace", "role"])
    func withoutLeavesPartOut(part: String) throws {
        let emulator = try Emulator()
        let report = try emulator.seed(["--without", part])

        let vpcs = try emulator.call("ec2", "describe_vpcs", [
            "Filters": [["Name": "tag:Name", "Values": ["ecs-blueprint-infra"]]],
        ])["Vpcs"] as? [[String: Any]] ?? []
        #expect(vpcs.count == (part == "vpc" ? 0 : 1))
        #expect((report.vpc == nil) == (part == "vpc"))

        let privateSubnets = try subnets(named: "ecs-blueprint-infra-private-*", in: emulator)
        #expect(privateSubnets.count == (part == "subnets" ? 0 : 3))

        let clusters = try emulator.call("ecs", "describe_clusters", ["clusters": ["ecs-blueprint-infra"]])
        #expect((clusters["clusters"] as? [Any])?.count == (part == "cluster" ? 0 : 1))

        let namespaces = try emulator.call("servicediscovery", "list_namespaces")["Namespaces"] as? [Any] ?? []
        #expect(namespaces.count == (part == "namespace" ? 0 : 1))

        let roles = try emulator.call("iam", "list_roles")["Roles"] as? [[String: Any]] ?? []
        let roleNames = roles.compactMap { $0["RoleName"] as? String }
        #expect(roleNames.contains("ecs-blueprint-infra-execution") == (part != "role"))
    }

    @Test func secondVPCDuplicatesNameAndSubnets() throws {
        let emulator = try Emulator()
        let report = try emulator.seed(["--second-vpc"])

        let vpcs = try emulator.call("ec2", "describe_vpcs", [
            "Filters": [["Name": "tag:Name", "Values": ["ecs-blueprint-infra"]]],
        ])["Vpcs"] as? [[String: Any]] ?? []
        #expect(vpcs.count == 2)
        let privateSubnets = try subnets(named: "ecs-blueprint-infra-private-*", in: emulator)
        #expect(privateSubnets.count == 6)
        #expect(Set(privateSubnets.map(\.vpcID)) == Set([report.vpc?.id, report.secondVPC?.id].compactMap { $0 }))
    }

    @Test func inactiveClusterReportsInactive() throws {
        let emulator = try Emulator()
        try emulator.seed(["--inactive-cluster"])

        let clusters = try emulator.call("ecs", "describe_clusters", ["clusters": ["ecs-blueprint-infra"]])
        let cluster = try #require((clusters["clusters"] as? [[String: Any]])?.first)
        #expect(cluster["status"] as? String == "INACTIVE")
    }

    @Test func otherStackNameAndRegion() throws {
        let emulator = try Emulator()
        let report = try emulator.seed(["--core-stack-name", "core-infra", "--namespace", "myapp", "--region", "eu-west-1"])

        #expect(report.region == "eu-west-1")
        #expect(report.namespace?.name == "myapp.core-infra.local")
        #expect(report.subnets?.private.first?.name == "core-infra-private-eu-west-1a")
        let inHomeRegion = try emulator.call("ecs", "list_clusters")["clusterArns"] as? [String] ?? []
        #expect(inHomeRegion.isEmpty)
        let inSeededRegion = try emulator.call("ecs", "list_clusters", region: "eu-west-1")["clusterArns"] as? [String] ?? []
        #expect(inSeededRegion == ["arn:aws:ecs:eu-west-1:123456789012:cluster/core-infra"])
    }

    @Test func seedRejectsNonLoopbackURL() throws {
        try Rig.require()
        let result = try ChildProcess.run(Rig.python.path, [Rig.script("seed.py").path, "http://192.0.2.10:4566"], timeout: 30)

        #expect(result.exitStatus == 2)
        #expect(result.standardError.contains("not on loopback"))
    }

    private struct FoundSubnet {
        let name: String
        let cidr: String
        let vpcID: String
    }

    /// Subnets whose Name tag matches `pattern`, sorted by name.
    private func subnets(named pattern: String, in emulator: Emulator) throws -> [FoundSubnet] {
        let response = try emulator.call("ec2", "describe_subnets", [
            "Filters": [["Name": "tag:Name", "Values": [pattern]]],
        ])
        let found = (response["Subnets"] as? [[String: Any]] ?? []).map { subnet in
            FoundSubnet(
                name: tags(of: subnet)["Name"] ?? "",
                cidr: subnet["CidrBlock"] as? String ?? "",
                vpcID: subnet["VpcId"] as? String ?? "")
        }
        return found.sorted { $0.name < $1.name }
    }

    private func tags(of resource: [String: Any]) -> [String: String] {
        var result: [String: String] = [:]
        for tag in resource["Tags"] as? [[String: String]] ?? [] {
            if let key = tag["Key"] { result[key] = tag["Value"] }
        }
        return result
    }
}
