import BerthAWS
import BerthTestSupport
import Foundation
import Testing

/// Denied calls, decoded from moto's IAM enforcement and from the AWS error shapes whose
/// message names no action. The error names the action Berth called and the permission to grant.
@Suite(.serialized) struct AccessDeniedTests {
    /// Enforcement applies to the whole emulator, so this suite does not share the fixture's.
    static let emulator = Result { try Emulator() }

    static let now = Date(timeIntervalSince1970: 1_796_385_600)

    /// Seeds core-infra with a secret, adds user `limited` denied `actions`, turns enforcement on
    /// and returns a client signed with that user's key, read from its profile.
    func limitedClient(denying actions: [String]) throws -> AWSClient {
        let emulator = try Self.emulator.get()
        try emulator.enforceIAM(false)
        try emulator.reset()
        let home = try AWSTestHome(config: "")
        try emulator.seed(["--with-secret", "--limited-user", "limited", "--credentials-file", home.path + "/.aws/credentials",
                           "--enforce-iam"] + actions.flatMap { ["--deny-action", $0] })
        let environment = home.environment(["AWS_ENDPOINT_URL": emulator.url.absoluteString, "AWS_REGION": "us-west-2"])
        let resolved = try AWSSettings.resolve(profile: "limited", region: nil, environment: environment,
                                               runtime: AWSRuntime(transport: CurlTransport(environment: [:])))
        return AWSClient(resolved: resolved)
    }

    @Test func emulatorDenialsNameActionPerProtocol() throws {
        let client = try limitedClient(denying: [
            "iam:GetRole", "secretsmanager:DescribeSecret", "ec2:DescribeSubnets", "ecs:DescribeClusters",
        ])
        let calls: [(String, () throws -> Void)] = [
            ("iam:GetRole", { _ = try IAMClient(client: client).getRole(name: "ecs-blueprint-infra-execution") }),
            ("secretsmanager:DescribeSecret", { _ = try SecretsManagerClient(client: client).describeSecret(id: "ecs-github-token") }),
            ("ec2:DescribeSubnets", { _ = try EC2Client(client: client).describeSubnets(filters: []) }),
            ("ecs:DescribeClusters", { _ = try ECSClient(client: client).describeClusters(names: ["ecs-blueprint-infra"]) }),
        ]

        for (action, call) in calls {
            do {
                try call()
                Issue.record("\(action) was allowed, but the limited user is denied it")
            } catch let error as AWSError {
                #expect(error.kind == .accessDenied, "\(action): \(error)")
                #expect(error.code == "AccessDenied", "\(action)")
                #expect(error.status == 403, "\(action)")
                #expect(error.attempts == 1, "\(action): a denial is not retried")
                #expect(error.deniedAction == action)
                #expect(error.message == "User: arn:aws:iam::123456789012:user/limited is not authorized to perform: \(action)")
                #expect(error.userMessage.hasSuffix("was denied: the caller is not allowed to perform \(action)."), "\(error.userMessage)")
                #expect(error.fix == "Ask an administrator to allow \(action) for this identity (check with `aws sts get-caller-identity --profile limited`).")
            } catch {
                Issue.record("\(action) failed with \(error), not an AWSError")
            }
        }
    }

    @Test func emulatorAllowsActionsNotDenied() throws {
        let client = try limitedClient(denying: ["iam:GetRole"])

        let identity = try STSClient(client: client).getCallerIdentity()
        let secret = try SecretsManagerClient(client: client).describeSecret(id: "ecs-github-token")

        #expect(identity.arn == "arn:aws:iam::123456789012:user/limited")
        #expect(secret.name == "ecs-github-token")
    }

    @Test func jsonDenialWithoutActionNamesCalledAction() {
        let response = HTTPResponse(status: 400, headers: HTTPHeaders([("x-amzn-RequestId", "req-9")]),
                                    body: Data(#"{"__type":"AccessDeniedException","Message":"Access denied"}"#.utf8))

        let error = AWSErrorDecoder.decode(response, service: .secretsManager, operation: "DescribeSecret", now: Self.now)

        #expect(error.kind == .accessDenied)
        #expect(error.deniedAction == nil)
        #expect(error.requiredAction == "secretsmanager:DescribeSecret")
        #expect(error.userMessage == "Secrets Manager DescribeSecret was denied: the caller is not allowed to perform secretsmanager:DescribeSecret.")
        #expect(error.fix.hasPrefix("Ask an administrator to allow secretsmanager:DescribeSecret for this identity"))
    }

    @Test func ec2UnauthorizedOperationNamesCalledAction() {
        let response = HTTPResponse(status: 403, headers: HTTPHeaders(), body: Data("""
        <Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>req-3</RequestID></Response>
        """.utf8))

        let error = AWSErrorDecoder.decode(response, service: .ec2, operation: "DescribeSubnets", now: Self.now)

        #expect(error.kind == .accessDenied)
        #expect(error.requestID == "req-3")
        #expect(error.requiredAction == "ec2:DescribeSubnets")
        #expect(error.userMessage == "EC2 DescribeSubnets was denied: the caller is not allowed to perform ec2:DescribeSubnets.")
    }

    @Test func actionPrefixOfEveryCheckedService() {
        let calls: [(AWSService, String, String)] = [
            (.iam, "GetRole", "iam:GetRole"), (.sts, "GetCallerIdentity", "sts:GetCallerIdentity"),
            (.secretsManager, "ListSecrets", "secretsmanager:ListSecrets"), (.ec2, "DescribeVpcs", "ec2:DescribeVpcs"),
            (.ecs, "ListClusters", "ecs:ListClusters"), (.serviceDiscovery, "GetNamespace", "servicediscovery:GetNamespace"),
            (.route53, "GetHostedZone", "route53:GetHostedZone"),
        ]

        for (service, operation, expected) in calls {
            let error = AWSError(kind: .accessDenied, code: "AccessDenied", message: "", status: 403,
                                 service: service.serviceID, operation: operation)
            #expect(error.requiredAction == expected)
        }
    }
}
