import BerthAWS
import BerthTestSupport
import Foundation
import Testing

/// Paging tokens for the list calls whose results the emulator returns in one page.
@Suite struct PaginationTests {
    func client(_ transport: AWSScriptedTransport) -> AWSClient {
        let environment = AWSEnvironment(variables: ["AWS_ENDPOINT_URL": "http://127.0.0.1:1"], homeDirectory: "/nonexistent")
        let shared = AWSSharedConfig(config: AWSConfigFile(kind: .config, path: "config"),
                                     credentials: AWSConfigFile(kind: .credentials, path: "credentials"))
        return AWSClient(region: "us-west-2",
                         endpoints: EndpointResolver(region: "us-west-2", environment: environment, shared: shared, profile: nil),
                         credentials: .fixed(AWSCredentials(accessKeyID: "AKIA", secretAccessKey: "s")),
                         runtime: AWSRuntime(transport: transport, now: { Date(timeIntervalSince1970: 0) }, sleep: { _ in }, random: { 0 }))
    }

    func body(_ request: HTTPRequest) -> String { String(decoding: request.body, as: UTF8.self) }

    @Test func describeSubnetsFollowsNextToken() throws {
        let transport = AWSScriptedTransport { request, index in
            let token = index < 2 ? "<nextToken>page\(index + 1)</nextToken>" : ""
            return HTTPResponse(status: 200, body: Data("""
            <DescribeSubnetsResponse><subnetSet><item><subnetId>subnet-\(index)</subnetId><vpcId>vpc-1</vpcId>
            <tagSet><item><key>Name</key><value>private-\(index)</value></item></tagSet></item></subnetSet>\(token)</DescribeSubnetsResponse>
            """.utf8))
        }
        let subnets = try EC2Client(client: client(transport)).describeSubnets(filters: [EC2Filter(name: "vpc-id", values: ["vpc-1"])])

        #expect(subnets.map(\.id) == ["subnet-0", "subnet-1", "subnet-2"])
        #expect(subnets.map(\.name) == ["private-0", "private-1", "private-2"])
        #expect(!body(transport.requests[0]).contains("NextToken"))
        #expect(body(transport.requests[1]).contains("NextToken=page1"))
        #expect(body(transport.requests[2]).contains("NextToken=page2"))
        #expect(body(transport.requests[0]).contains("Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1"))
    }

    @Test func listClustersFollowsNextToken() throws {
        let transport = AWSScriptedTransport { _, index in
            let token = index == 0 ? #","nextToken":"t1""# : ""
            return HTTPResponse(status: 200, body: Data(#"{"clusterArns":["arn:aws:ecs:us-west-2:1:cluster/c\#(index)"]\#(token)}"#.utf8))
        }
        let arns = try ECSClient(client: client(transport)).listClusters()

        #expect(arns == ["arn:aws:ecs:us-west-2:1:cluster/c0", "arn:aws:ecs:us-west-2:1:cluster/c1"])
        #expect(body(transport.requests[1]).contains(#""nextToken":"t1""#))
        #expect(transport.requests[0].headers["X-Amz-Target"] == "AmazonEC2ContainerServiceV20141113.ListClusters")
    }

    @Test func listNamespacesFollowsNextToken() throws {
        let transport = AWSScriptedTransport { _, index in
            let token = index == 0 ? #","NextToken":"n1""# : ""
            return HTTPResponse(status: 200, body: Data("""
            {"Namespaces":[{"Id":"ns-\(index)","Name":"default.core-infra.local","Type":"DNS_PRIVATE",
            "Properties":{"DnsProperties":{"HostedZoneId":"Z\(index)"},"HttpProperties":{"HttpName":"h\(index)"}}}]\(token)}
            """.utf8))
        }
        let namespaces = try ServiceDiscoveryClient(client: client(transport)).listNamespaces()

        #expect(namespaces.map(\.id) == ["ns-0", "ns-1"])
        #expect(namespaces.map(\.hostedZoneID) == ["Z0", "Z1"])
        #expect(namespaces.first?.httpName == "h0")
        #expect(body(transport.requests[1]).contains(#""NextToken":"n1""#))
    }

    @Test func describeClustersKeepsFailuresAndStatus() throws {
        let transport = AWSScriptedTransport { _, _ in
            HTTPResponse(status: 200, body: Data("""
            {"clusters":[{"clusterName":"core-infra","clusterArn":"arn:c","status":"INACTIVE"}],
             "failures":[{"arn":"arn:aws:ecs:us-west-2:1:cluster/core-infra-dev","reason":"MISSING"}]}
            """.utf8))
        }
        let lookup = try ECSClient(client: client(transport)).describeClusters(names: ["core-infra", "core-infra-dev"])

        #expect(lookup.clusters.first?.status == "INACTIVE")
        #expect(lookup.activeCluster(named: "core-infra") == nil)
        #expect(lookup.failures.first?.reason == "MISSING")
    }

    @Test func secretWithNeitherValueIsEmpty() throws {
        let transport = AWSScriptedTransport { _, _ in
            HTTPResponse(status: 200, body: Data(#"{"ARN":"arn:s","Name":"ecs-github-token","VersionId":"v"}"#.utf8))
        }
        let value = try SecretsManagerClient(client: client(transport)).getSecretValue(id: "ecs-github-token")

        #expect(value.content == .empty)
    }
}

/// Route 53 hosted-zone VPCs; moto 5.2.5 leaves the VPC list of a namespace's zone empty, so a
/// scripted response stands in for AWS.
@Suite struct Route53ClientTests {
    @Test func hostedZoneVPCsFromGetHostedZone() throws {
        let transport = AWSScriptedTransport { _, _ in
            HTTPResponse(status: 200, body: Data("""
            <?xml version="1.0"?>
            <GetHostedZoneResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><HostedZone><Id>/hostedzone/Z1</Id>
            <Name>default.core-infra.local.</Name></HostedZone><VPCs><VPC><VPCRegion>us-west-2</VPCRegion><VPCId>vpc-0abc</VPCId></VPC></VPCs>
            </GetHostedZoneResponse>
            """.utf8))
        }
        let client = PaginationTests().client(transport)
        let vpcs = try Route53Client(client: client).hostedZoneVPCs(id: "/hostedzone/Z1")
        let request = try #require(transport.requests.first)

        #expect(vpcs == [HostedZoneVPC(id: "vpc-0abc", region: "us-west-2")])
        #expect(request.method == "GET")
        #expect(request.path == "/2013-04-01/hostedzone/Z1")
        #expect(request.headers["Authorization"]?.contains("/us-east-1/route53/aws4_request") == true)
    }
}
