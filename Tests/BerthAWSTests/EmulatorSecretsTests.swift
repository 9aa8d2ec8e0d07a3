import BerthAWS
import BerthTestSupport
import Foundation
import Testing

/// Secrets Manager and EC2 against the moto emulator, including paging over thousands of items.
@Suite(.serialized) struct EmulatorSecretsTests {
    @Test func createDescribeAndReadString() throws {
        let fixture = try EmulatorFixture.get()
        let secrets = SecretsManagerClient(client: fixture.client)
        let name = EmulatorFixture.unique("ecs-github-token")
        let created = try secrets.createSecret(name: name, secretString: "ghp_exampleexampleexample")

        let described = try secrets.describeSecret(id: name)
        let value = try secrets.getSecretValue(id: created.arn)

        #expect(described.arn == created.arn)
        #expect(described.kmsKeyID == nil)
        #expect(value.content == .string("ghp_exampleexampleexample"))
        #expect(!"\(value)".contains("ghp_"))
        #expect("\(value)".contains("string of 25 characters"))
    }

    @Test func binarySecretIsNotAString() throws {
        let fixture = try EmulatorFixture.get()
        let name = EmulatorFixture.unique("binary-token")
        _ = try fixture.client.json(.secretsManager, operation: "CreateSecret",
                                    body: ["Name": name, "SecretBinary": "Z2hwX3h4eHg="], isIdempotent: false)
        let value = try SecretsManagerClient(client: fixture.client).getSecretValue(id: name)

        #expect(value.content == .binary(Data("ghp_xxxx".utf8)))
        #expect(!"\(value)".contains("ghp_"))
    }

    @Test func missingSecretIsNotFound() throws {
        let fixture = try EmulatorFixture.get()
        #expect {
            try SecretsManagerClient(client: fixture.client).describeSecret(id: EmulatorFixture.unique("absent"))
        } throws: { error in
            let aws = error as? AWSError
            return aws?.kind == .notFound && aws?.code == "ResourceNotFoundException" && aws?.requestID != nil
        }
    }

    @Test func deletedSecretCanBeRestored() throws {
        let fixture = try EmulatorFixture.get()
        let secrets = SecretsManagerClient(client: fixture.client)
        let name = EmulatorFixture.unique("restorable")
        _ = try secrets.createSecret(name: name, secretString: "value")
        _ = try fixture.client.json(.secretsManager, operation: "DeleteSecret",
                                    body: ["SecretId": name, "RecoveryWindowInDays": 7], isIdempotent: false)

        #expect(try secrets.describeSecret(id: name).deletedDate != nil)
        _ = try secrets.restoreSecret(id: name)
        #expect(try secrets.describeSecret(id: name).deletedDate == nil)
    }

    @Test func listSecretsFollowsNextToken() throws {
        let fixture = try EmulatorFixture.get()
        let secrets = SecretsManagerClient(client: fixture.client)
        let prefix = EmulatorFixture.unique("paged")
        let count = 2050
        try EmulatorFixture.concurrently(count) { index in
            _ = try secrets.createSecret(name: "\(prefix)/token-\(index)", secretString: "v\(index)")
        }
        let (recordingClient, recorder) = fixture.recordingClient()
        let listed = try SecretsManagerClient(client: recordingClient).listSecrets(nameFilter: prefix)

        #expect(recorder.requests.count == 21)
        #expect(listed.count == count)
        #expect(Set(listed.map(\.name)).count == count)
        #expect(listed.allSatisfy { $0.name.hasPrefix(prefix) })
    }

    @Test func vpcsAndSubnetsByFilter() throws {
        let fixture = try EmulatorFixture.get()
        let tag = EmulatorFixture.unique("core-infra")
        let vpc = try fixture.client.query(.ec2, action: "CreateVpc", parameters: [
            ("CidrBlock", "10.20.0.0/16"), ("TagSpecification.1.ResourceType", "vpc"),
            ("TagSpecification.1.Tag.1.Key", "Name"), ("TagSpecification.1.Tag.1.Value", tag),
        ], isIdempotent: false)
        let vpcID = try #require(vpc.descendant("vpcId")?.text)
        let count = 1100
        try EmulatorFixture.concurrently(count) { index in
            _ = try fixture.client.query(.ec2, action: "CreateSubnet", parameters: [
                ("VpcId", vpcID), ("CidrBlock", "10.20.\(index / 8).\((index % 8) * 32)/27"),
                ("TagSpecification.1.ResourceType", "subnet"),
                ("TagSpecification.1.Tag.1.Key", "Name"), ("TagSpecification.1.Tag.1.Value", "\(tag)-private-\(index)"),
            ], isIdempotent: false)
        }
        let (recordingClient, recorder) = fixture.recordingClient()
        let ec2 = EC2Client(client: recordingClient)

        let vpcs = try ec2.describeVpcs(filters: [EC2Filter(name: "tag:Name", values: [tag])])
        let subnets = try ec2.describeSubnets(filters: [EC2Filter(name: "vpc-id", values: [vpcID])])
        let named = try ec2.describeSubnets(filters: [EC2Filter(name: "vpc-id", values: [vpcID]),
                                                      EC2Filter(name: "tag:Name", values: ["\(tag)-private-1*"])])

        #expect(vpcs.map(\.id) == [vpcID])
        #expect(vpcs.first?.tags["Name"] == tag)
        // moto 5.2.5 returns every subnet in one page, so NextToken paging is checked in PaginationTests.
        #expect(recorder.requests.count >= 3)
        #expect(subnets.count == count)
        #expect(Set(subnets.map(\.id)).count == count)
        #expect(subnets.allSatisfy { $0.vpcID == vpcID })
        #expect(named.count == 1 + 10 + 100 + 100)  // -private-1, -1x, -1xx, -1xxx up to 1099
    }
}
