import BerthAWS
import BerthTestSupport
import Foundation
import Testing

/// STS, IAM, ECS and Cloud Map against the moto emulator. Serialized because moto 5.2.5 returned
/// HTTP 500 for some CreateRole calls when these tests ran in parallel.
@Suite(.serialized) struct EmulatorIdentityTests {
    @Test func callerIdentity() throws {
        let fixture = try EmulatorFixture.get()
        let identity = try STSClient(client: fixture.client).getCallerIdentity()

        #expect(identity.account == "123456789012")
        #expect(identity.arn.hasPrefix("arn:aws:sts::123456789012:"))
    }

    @Test func assumeRoleReturnsTemporaryCredentials() throws {
        let fixture = try EmulatorFixture.get()
        let credentials = try STSClient(client: fixture.client).assumeRole(roleARN: "arn:aws:iam::123456789012:role/deployer",
                                                                           sessionName: "berth-test")

        #expect(!credentials.accessKeyID.isEmpty)
        #expect(credentials.sessionToken != nil)
        #expect(credentials.expiration != nil)
    }

    @Test func serviceLinkedRoleFoundByPath() throws {
        let fixture = try EmulatorFixture.get()
        let iam = IAMClient(client: fixture.client)
        let prefix = "/aws-service-role/codestar-notifications.amazonaws.com/"

        #expect {
            try iam.getRole(name: "AWSServiceRoleForCodeStarNotifications")
        } throws: { error in
            (error as? AWSError)?.code == "NoSuchEntity" && (error as? AWSError)?.kind == .notFound
        }
        let existing = try iam.listRoles(pathPrefix: prefix)
        let created = try existing.first ?? iam.createServiceLinkedRole(awsServiceName: "codestar-notifications.amazonaws.com")
        let listed = try iam.listRoles(pathPrefix: prefix)

        #expect(created.path == prefix)
        #expect(listed.map(\.name) == [created.name])
        #expect(try iam.getRole(name: created.name).arn == created.arn)
    }

    @Test func listRolesFollowsMarker() throws {
        let fixture = try EmulatorFixture.get()
        let path = "/\(EmulatorFixture.unique("paged"))/"
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        let count = 1050
        try EmulatorFixture.concurrently(count) { index in
            _ = try fixture.client.query(.iam, action: "CreateRole", parameters: [
                ("RoleName", "paged-role-\(index)-\(path.count)\(path.hashValue & 0xffff)"), ("Path", path),
                ("AssumeRolePolicyDocument", policy),
            ], isIdempotent: false)
        }
        let (recordingClient, recorder) = fixture.recordingClient()
        let roles = try IAMClient(client: recordingClient).listRoles(pathPrefix: path)

        #expect(recorder.requests.count == 11)
        #expect(roles.count == count)
        #expect(Set(roles.map(\.name)).count == count)
    }

    @Test func clustersActiveMissingAndInactive() throws {
        let fixture = try EmulatorFixture.get()
        let active = EmulatorFixture.unique("core-infra")
        let deleted = EmulatorFixture.unique("core-infra-old")
        for name in [active, deleted] {
            _ = try fixture.client.json(.ecs, operation: "CreateCluster", body: ["clusterName": name], isIdempotent: false)
        }
        _ = try fixture.client.json(.ecs, operation: "DeleteCluster", body: ["cluster": deleted], isIdempotent: false)
        let missing = EmulatorFixture.unique("absent")

        let ecs = ECSClient(client: fixture.client)
        let lookup = try ecs.describeClusters(names: [active, missing, deleted])

        #expect(lookup.activeCluster(named: active)?.status == "ACTIVE")
        #expect(lookup.activeCluster(named: missing) == nil)
        #expect(lookup.failures.contains { $0.arn.hasSuffix("/\(missing)") && $0.reason == "MISSING" })
        #expect(lookup.activeCluster(named: deleted) == nil)
        #expect(try ecs.listClusters().contains { $0.hasSuffix("cluster/\(active)") })
    }

    @Test func privateDNSNamespaceIsListed() throws {
        let fixture = try EmulatorFixture.get()
        let vpc = try fixture.client.query(.ec2, action: "CreateVpc", parameters: [("CidrBlock", "10.10.0.0/16")], isIdempotent: false)
        let vpcID = try #require(vpc.descendant("vpcId")?.text)
        let name = "default.\(EmulatorFixture.unique("core")).local"
        _ = try fixture.client.json(.serviceDiscovery, operation: "CreatePrivateDnsNamespace",
                                    body: ["Name": name, "Vpc": vpcID], isIdempotent: false)

        let discovery = ServiceDiscoveryClient(client: fixture.client)
        let namespace = try #require(try discovery.listNamespaces().first { $0.name == name })

        #expect(namespace.type == "DNS_PRIVATE")
        #expect(namespace.hostedZoneID?.isEmpty == false)
        #expect(try discovery.getNamespace(id: namespace.id).name == name)
    }
}
