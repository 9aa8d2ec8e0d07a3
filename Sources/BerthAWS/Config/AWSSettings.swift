import Foundation

/// The user's command-line choices (`--profile`, `--region`), which `resolve` combines with the
/// environment and the shared files into a `ResolvedAWS`.
public struct AWSSettings: Sendable {
    public var profile: String?
    public var region: String?

    public init(profile: String? = nil, region: String? = nil) {
        self.profile = profile
        self.region = region
    }

    /// Resolves with the real transport, clock and process runner.
    public static func resolve(profile: String?, region: String?, environment: AWSEnvironment) throws -> ResolvedAWS {
        try resolve(profile: profile, region: region, environment: environment, runtime: .live)
    }

    /// Resolves profile, region, endpoints and credentials; throws `AWSSetupError` with the fix.
    public static func resolve(profile explicitProfile: String?, region explicitRegion: String?,
                               environment: AWSEnvironment, runtime: AWSRuntime) throws -> ResolvedAWS {
        let shared = try AWSSharedConfig.load(environment: environment)
        var warnings = shared.warnings.map(\.description)

        let (profileName, profileSource) = chooseProfile(explicitProfile, environment: environment, warnings: &warnings)
        if let reason = AWSConfigFile.invalidNameReason(profileName) {
            throw AWSSetupError(.invalidProfileName, "The profile from \(profileSource) cannot be used: \(reason)",
                                fix: "Choose another profile; available: \(list(shared.profileNames)).")
        }
        let profileExists = shared.hasProfile(profileName)
        if !profileExists && profileSource != "default" {
            throw profileNotFound(profileName, source: profileSource, shared: shared)
        }
        let activeProfile = profileExists ? profileName : nil

        let (region, regionSource) = try RegionResolver.resolve(explicit: explicitRegion, environment: environment,
                                                                shared: shared, profile: activeProfile)
        let endpoints = EndpointResolver(region: region, environment: environment, shared: shared, profile: activeProfile)
        let maxAttempts = try attempts(environment: environment, shared: shared, profile: activeProfile)
        try checkRetryMode(environment: environment, shared: shared, profile: activeProfile)

        let chain = CredentialChain(environment: environment, shared: shared, profile: profileName,
                                    profileIsExplicit: explicitProfile != nil, region: region, runtime: runtime)
        let credentials = try chain.resolve()
        let cache = CredentialCache(initial: credentials) { try chain.resolve() }

        return ResolvedAWS(profileName: activeProfile, profileSource: profileSource, region: region,
                           regionSource: regionSource, credentials: credentials, endpoints: endpoints,
                           credentialCache: cache, maxAttempts: maxAttempts, warnings: warnings, runtime: runtime,
                           availableProfiles: shared.profileNames)
    }

    /// `--profile`, then `AWS_PROFILE`, then `AWS_DEFAULT_PROFILE`, then `default`.
    static func chooseProfile(_ explicit: String?, environment: AWSEnvironment,
                              warnings: inout [String]) -> (String, String) {
        if let explicit, !explicit.isEmpty {
            return (explicit, "--profile")
        }
        let profile = environment.value("AWS_PROFILE")
        let defaultProfile = environment.value("AWS_DEFAULT_PROFILE")
        if let profile, let defaultProfile, profile != defaultProfile {
            warnings.append("AWS_PROFILE (\(profile)) and AWS_DEFAULT_PROFILE (\(defaultProfile)) differ; Berth, Terraform and the AWS CLI v2 use AWS_PROFILE, but the AWS CLI v1 uses AWS_DEFAULT_PROFILE. Unset one of them.")
        }
        if let profile { return (profile, "AWS_PROFILE") }
        if let defaultProfile { return (defaultProfile, "AWS_DEFAULT_PROFILE") }
        return ("default", "default")
    }

    static func profileNotFound(_ name: String, source: String, shared: AWSSharedConfig) -> AWSSetupError {
        let misplaced = shared.config.warnings.first { $0.message.hasPrefix("[\(name)] is not a profile") }
        if let misplaced {
            return AWSSetupError(.profileNotFound,
                                 "The profile \"\(name)\" (from \(source)) is not defined: the config file has [\(name)], which the AWS CLI ignores.",
                                 fix: "Rename the section to [profile \(name)] in \(shared.config.path).",
                                 file: shared.config.path, line: misplaced.line)
        }
        return AWSSetupError(.profileNotFound,
                             "The profile \"\(name)\" (from \(source)) is in neither \(shared.config.path) nor \(shared.credentials.path).",
                             fix: "Use one of: \(list(shared.profileNames)), or create it with `aws configure --profile \(RegionResolver.quoted(name))`.")
    }

    static func attempts(environment: AWSEnvironment, shared: AWSSharedConfig, profile: String?) throws -> Int {
        let (text, source): (String?, String) = environment.value("AWS_MAX_ATTEMPTS").map { ($0, "AWS_MAX_ATTEMPTS") }
            ?? (profile.flatMap { shared.setting("max_attempts", profile: $0) }, "max_attempts")
        guard let text else { return 3 }
        guard let value = Int(text), value >= 1 else {
            throw AWSSetupError(.invalidSetting, "\(source) is \"\(text)\", but it must be a whole number of at least 1.",
                                fix: "Set \(source) to a number such as 3, or remove it.")
        }
        return value
    }

    /// Rejects a retry mode the SDKs would reject. NOTE: `legacy` and `adaptive` are accepted but
    /// Berth always retries in standard mode.
    static func checkRetryMode(environment: AWSEnvironment, shared: AWSSharedConfig, profile: String?) throws {
        let (text, source): (String?, String) = environment.value("AWS_RETRY_MODE").map { ($0, "AWS_RETRY_MODE") }
            ?? (profile.flatMap { shared.setting("retry_mode", profile: $0) }, "retry_mode")
        guard let text, !["legacy", "standard", "adaptive"].contains(text) else { return }
        throw AWSSetupError(.invalidSetting, "Invalid \(source): \"\(text)\". Expected one of: legacy, standard, adaptive.",
                            fix: "Set \(source) to standard, or remove it.")
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "(no profiles)" : names.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
