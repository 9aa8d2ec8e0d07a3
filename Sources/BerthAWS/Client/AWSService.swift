/// The wire protocol of a service: how it encodes requests and errors.
public enum AWSProtocol: Sendable, Equatable {
    /// Form-encoded `Action=…&Version=…` POST with XML responses (IAM, STS).
    case query(version: String)
    /// The EC2 variant of the query protocol.
    case ec2(version: String)
    /// JSON POST with `X-Amz-Target: prefix.Operation`.
    case json(version: String, targetPrefix: String)
    /// Resource paths with JSON bodies.
    case restJSON
    /// Resource paths with XML bodies (Route 53).
    case restXML
}

/// A service Berth calls, with the names the SDKs use for it.
public struct AWSService: Sendable, Equatable, Hashable {
    /// The service ID as in the SDK models, such as `Secrets Manager`.
    public var serviceID: String
    /// The host prefix of the standard endpoint, such as `secretsmanager`.
    public var endpointPrefix: String
    /// The SigV4 service name.
    public var signingName: String
    /// The key under a `[services]` section and the suffix of `AWS_ENDPOINT_URL_<SUFFIX>`, lower-case.
    public var configKey: String
    /// The wire protocol.
    public var wireProtocol: AWSProtocol
    /// Whether the service has one global endpoint signed for `us-east-1` (IAM).
    public var isGlobal: Bool

    public static func == (left: AWSService, right: AWSService) -> Bool { left.serviceID == right.serviceID }
    public func hash(into hasher: inout Hasher) { hasher.combine(serviceID) }

    /// The environment variable that overrides this service's endpoint.
    public var endpointVariable: String { "AWS_ENDPOINT_URL_" + configKey.uppercased() }

    public static let sts = AWSService(serviceID: "STS", endpointPrefix: "sts", signingName: "sts", configKey: "sts",
                                       wireProtocol: .query(version: "2011-06-15"), isGlobal: false)
    public static let iam = AWSService(serviceID: "IAM", endpointPrefix: "iam", signingName: "iam", configKey: "iam",
                                       wireProtocol: .query(version: "2010-05-08"), isGlobal: true)
    public static let secretsManager = AWSService(serviceID: "Secrets Manager", endpointPrefix: "secretsmanager",
                                                  signingName: "secretsmanager", configKey: "secrets_manager",
                                                  wireProtocol: .json(version: "1.1", targetPrefix: "secretsmanager"),
                                                  isGlobal: false)
    public static let ec2 = AWSService(serviceID: "EC2", endpointPrefix: "ec2", signingName: "ec2", configKey: "ec2",
                                       wireProtocol: .ec2(version: "2016-11-15"), isGlobal: false)
    public static let ecs = AWSService(serviceID: "ECS", endpointPrefix: "ecs", signingName: "ecs", configKey: "ecs",
                                       wireProtocol: .json(version: "1.1", targetPrefix: "AmazonEC2ContainerServiceV20141113"),
                                       isGlobal: false)
    public static let serviceDiscovery = AWSService(serviceID: "ServiceDiscovery", endpointPrefix: "servicediscovery",
                                                    signingName: "servicediscovery", configKey: "servicediscovery",
                                                    wireProtocol: .json(version: "1.1", targetPrefix: "Route53AutoNaming_v20170314"),
                                                    isGlobal: false)
    /// Route 53, for the VPCs of a Cloud Map namespace's private hosted zone; global, signed for us-east-1.
    public static let route53 = AWSService(serviceID: "Route 53", endpointPrefix: "route53", signingName: "route53",
                                           configKey: "route_53", wireProtocol: .restXML, isGlobal: true)
    /// The IAM Identity Center portal that returns role credentials for an SSO token; its calls are not signed.
    public static let sso = AWSService(serviceID: "SSO", endpointPrefix: "portal.sso", signingName: "awsssoportal",
                                       configKey: "sso", wireProtocol: .restJSON, isGlobal: false)
}
