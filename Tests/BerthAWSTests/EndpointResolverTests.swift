import BerthAWS
import BerthTestSupport
import Foundation
import Testing

@Suite struct EndpointResolverTests {
    static let config = """
    [profile local]
    region = us-west-2
    services = emulator
    endpoint_url = http://127.0.0.1:4000
    [services emulator]
    secrets_manager =
      endpoint_url = http://127.0.0.1:4001
    [profile plain]
    region = us-west-2
    """

    func resolver(_ variables: [String: String], profile: String?) throws -> EndpointResolver {
        let home = try AWSTestHome(config: Self.config)
        let environment = home.environment(variables)
        return EndpointResolver(region: "us-west-2", environment: environment,
                                shared: try AWSSharedConfig.load(environment: environment), profile: profile)
    }

    @Test func lookupOrder() throws {
        let all = try resolver(["AWS_ENDPOINT_URL_SECRETS_MANAGER": "http://127.0.0.1:5001",
                                "AWS_ENDPOINT_URL": "http://127.0.0.1:5000"], profile: "local")
        #expect(try all.endpoint(for: .secretsManager).url.absoluteString == "http://127.0.0.1:5001")
        #expect(try all.endpoint(for: .ecs).url.absoluteString == "http://127.0.0.1:5000")

        let profileOnly = try resolver([:], profile: "local")
        #expect(try profileOnly.endpoint(for: .secretsManager).url.absoluteString == "http://127.0.0.1:4001")
        #expect(try profileOnly.endpoint(for: .ecs).url.absoluteString == "http://127.0.0.1:4000")
    }

    @Test func ignoreConfiguredEndpoints() throws {
        let resolver = try resolver(["AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"],
                                    profile: "local")
        let endpoint = try resolver.endpoint(for: .ecs)

        #expect(endpoint.url.absoluteString == "https://ecs.us-west-2.amazonaws.com")
        #expect(endpoint.source == "standard endpoint")
    }

    @Test func standardEndpointsAndIAMScope() throws {
        let resolver = try resolver([:], profile: "plain")
        let iam = try resolver.endpoint(for: .iam)

        #expect(iam.url.absoluteString == "https://iam.amazonaws.com")
        #expect(iam.signingRegion == "us-east-1")
        #expect(try resolver.endpoint(for: .secretsManager).url.absoluteString == "https://secretsmanager.us-west-2.amazonaws.com")
        #expect(try resolver.endpoint(for: .serviceDiscovery).url.absoluteString == "https://servicediscovery.us-west-2.amazonaws.com")
        #expect(try resolver.endpoint(for: .sts).signingRegion == "us-west-2")
    }

    @Test func overriddenIAMStillSignsForUSEast1() throws {
        let endpoint = try resolver(["AWS_ENDPOINT_URL_IAM": "http://127.0.0.1:5000"], profile: nil).endpoint(for: .iam)

        #expect(endpoint.signingRegion == "us-east-1")
        #expect(endpoint.source == "AWS_ENDPOINT_URL_IAM")
    }

    @Test func invalidOverrideIsRejected() throws {
        let resolver = try resolver(["AWS_ENDPOINT_URL": "127.0.0.1:5000"], profile: nil)
        #expect(throws: AWSSetupError.self) { try resolver.endpoint(for: .ecs) }
    }

    @Test func serviceVariableNames() {
        #expect(AWSService.secretsManager.endpointVariable == "AWS_ENDPOINT_URL_SECRETS_MANAGER")
        #expect(AWSService.serviceDiscovery.endpointVariable == "AWS_ENDPOINT_URL_SERVICEDISCOVERY")
        #expect(AWSService.iam.endpointVariable == "AWS_ENDPOINT_URL_IAM")
    }
}
