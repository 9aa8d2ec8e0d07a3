import Foundation

/// The profile, region, credentials and endpoints Berth uses, resolved once from the user's choices.
public struct ResolvedAWS: Sendable {
    /// The profile whose settings apply; nil when no profile was chosen and no `[default]` exists.
    public var profileName: String?
    /// The source of the profile name: `--profile`, `AWS_PROFILE`, `AWS_DEFAULT_PROFILE` or `default`.
    public var profileSource: String
    /// The region of every call.
    public var region: String
    /// The source of the region, such as `AWS_REGION`.
    public var regionSource: String
    /// The credentials as first resolved; `credentialCache` refreshes them before they expire.
    public var credentials: AWSCredentials
    /// The endpoint of each service.
    public var endpoints: EndpointResolver
    /// Refreshes temporary credentials from the same source.
    public var credentialCache: CredentialCache
    /// The maximum attempts per call (`AWS_MAX_ATTEMPTS`, `max_attempts`, default 3).
    public var maxAttempts: Int
    /// Notes on the files and settings, such as sections that are not profiles.
    public var warnings: [String]
    /// Transport, clock, sleeper and randomness for the clients.
    public var runtime: AWSRuntime
    /// Every profile name in the two files.
    public var availableProfiles: [String]

    /// Creates a resolved set-up directly, for tests and callers that resolve settings themselves.
    public init(profileName: String?, profileSource: String, region: String, regionSource: String,
                credentials: AWSCredentials, endpoints: EndpointResolver, credentialCache: CredentialCache? = nil,
                maxAttempts: Int = 3, warnings: [String] = [], runtime: AWSRuntime, availableProfiles: [String] = []) {
        self.profileName = profileName
        self.profileSource = profileSource
        self.region = region
        self.regionSource = regionSource
        self.credentials = credentials
        self.endpoints = endpoints
        self.credentialCache = credentialCache ?? .fixed(credentials)
        self.maxAttempts = maxAttempts
        self.warnings = warnings
        self.runtime = runtime
        self.availableProfiles = availableProfiles
    }

    /// The environment for child processes (terraform, aws) that selects the same profile and region;
    /// it names the profile and never carries a key.
    public var childEnvironment: [String: String] {
        var variables = ["AWS_REGION": region, "AWS_DEFAULT_REGION": region]
        if let profileName {
            variables["AWS_PROFILE"] = profileName
        }
        return variables
    }
}
