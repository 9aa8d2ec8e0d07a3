import Foundation

/// The names the checks look for, as the backend-service blueprint derives
/// them from its variables (empty optional names fall back to `core_stack_name`).
public struct CheckSettings: Equatable, Sendable {
    public var folder: URL
    public var coreStackName: String
    public var vpcTagKey: String
    public var vpcTagValue: String
    public var privateSubnetsTagValue: String
    public var ecsClusterName: String
    public var executionRoleName: String
    public var namespace: String
    public var secretName: String
    /// The deploy region and where it came from (`--region`, `AWS_REGION`, a profile, terraform.tfvars).
    public var region: String?
    public var regionSource: String
    public var profile: String?
    /// The GitHub REST API base (`GITHUB_API_URL`); the token goes to this host only.
    public var gitHubAPIURL = GitHubClient.defaultBaseURL
    /// Regions searched for the token secret when the deploy region lacks it (`BERTH_SECRET_REGIONS`).
    public var secretSearchRegions = SecretPreflight.defaultSearchRegions

    public init(
        folder: URL,
        coreStackName: String = "ecs-blueprint-infra",
        vpcTagKey: String = "Name",
        vpcTagValue: String = "",
        privateSubnetsTagValue: String = "",
        ecsClusterName: String = "",
        executionRoleName: String = "",
        namespace: String = "default",
        secretName: String = "ecs-github-token",
        region: String? = nil,
        regionSource: String = "not set",
        profile: String? = nil
    ) {
        self.folder = folder
        self.coreStackName = coreStackName
        self.vpcTagKey = vpcTagKey
        self.vpcTagValue = vpcTagValue
        self.privateSubnetsTagValue = privateSubnetsTagValue
        self.ecsClusterName = ecsClusterName
        self.executionRoleName = executionRoleName
        self.namespace = namespace
        self.secretName = secretName
        self.region = region
        self.regionSource = regionSource
        self.profile = profile
    }

    public var effectiveVPCTagValue: String { vpcTagValue.isEmpty ? coreStackName : vpcTagValue }
    public var effectivePrivateSubnetPrefix: String {
        privateSubnetsTagValue.isEmpty ? "\(coreStackName)-private-" : privateSubnetsTagValue
    }
    public var effectiveClusterName: String { ecsClusterName.isEmpty ? coreStackName : ecsClusterName }
    public var effectiveExecutionRoleName: String {
        executionRoleName.isEmpty ? "\(coreStackName)-execution" : executionRoleName
    }
    /// The Cloud Map namespace the blueprint looks up: `<namespace>.<cluster>.local`.
    public var namespaceName: String { "\(namespace).\(effectiveClusterName).local" }

    /// Applies values from terraform.tfvars (or the wizard's form) by variable name.
    public mutating func apply(variables: [String: String]) {
        func take(_ name: String, _ keyPath: WritableKeyPath<CheckSettings, String>) {
            if let value = variables[name] { self[keyPath: keyPath] = value }
        }
        take("core_stack_name", \.coreStackName)
        take("vpc_tag_key", \.vpcTagKey)
        take("vpc_tag_value", \.vpcTagValue)
        take("private_subnets_tag_value", \.privateSubnetsTagValue)
        take("ecs_cluster_name", \.ecsClusterName)
        take("ecs_task_execution_role_name", \.executionRoleName)
        take("namespace", \.namespace)
        take("github_token_secret_name", \.secretName)
    }
}
