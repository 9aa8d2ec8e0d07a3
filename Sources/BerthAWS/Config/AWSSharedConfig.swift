/// The config and credentials files together, merged the way the SDKs merge them.
public struct AWSSharedConfig: Sendable, Equatable {
    /// `~/.aws/config` or `AWS_CONFIG_FILE`.
    public var config: AWSConfigFile
    /// `~/.aws/credentials` or `AWS_SHARED_CREDENTIALS_FILE`.
    public var credentials: AWSConfigFile

    public init(config: AWSConfigFile, credentials: AWSConfigFile) {
        self.config = config
        self.credentials = credentials
    }

    /// Reads both files from the paths `environment` selects; missing files are empty.
    public static func load(environment: AWSEnvironment) throws -> AWSSharedConfig {
        AWSSharedConfig(config: try AWSConfigFile.load(path: environment.configFilePath, kind: .config),
                        credentials: try AWSConfigFile.load(path: environment.credentialsFilePath, kind: .credentials))
    }

    /// Every usable profile name in either file, sorted, whatever kind of credentials it has.
    public var profileNames: [String] {
        Set(config.profiles.keys).union(credentials.profiles.keys).sorted()
    }

    /// Warnings from both files.
    public var warnings: [AWSConfigFile.Warning] {
        config.warnings + credentials.warnings
    }

    /// The kind of credentials a profile configures, for listing profiles of every kind.
    public enum ProfileKind: Sendable, Equatable {
        case assumeRole(roleARN: String)
        case webIdentity
        case sso
        case staticKeys
        case credentialProcess
        /// Only settings such as `region`, without credentials.
        case settingsOnly
    }

    /// Returns the kind of credentials profile `name` configures, checked in the credential chain's order.
    public func kind(ofProfile name: String) -> ProfileKind {
        if let roleARN = setting("role_arn", profile: name) {
            return setting("web_identity_token_file", profile: name) != nil ? .webIdentity : .assumeRole(roleARN: roleARN)
        }
        if setting("sso_session", profile: name) != nil || setting("sso_start_url", profile: name) != nil {
            return .sso
        }
        if credentialSetting("aws_access_key_id", profile: name) != nil {
            return .staticKeys
        }
        if setting("credential_process", profile: name) != nil {
            return .credentialProcess
        }
        return .settingsOnly
    }

    /// Returns whether `name` is a profile in either file.
    public func hasProfile(_ name: String) -> Bool {
        config.profiles[name] != nil || credentials.profiles[name] != nil
    }

    /// Returns a setting of profile `name` from the config file (credential keys are read per file by the chain).
    public func setting(_ key: String, profile name: String) -> String? {
        nonEmpty(config.profiles[name]?.values[key])
    }

    /// Returns a setting from the credentials file first, then the config file, as the SDKs read keys.
    public func credentialSetting(_ key: String, profile name: String) -> String? {
        nonEmpty(credentials.profiles[name]?.values[key]) ?? nonEmpty(config.profiles[name]?.values[key])
    }

    /// The `endpoint_url` for `servicesKey` in the `[services NAME]` section the profile names.
    public func serviceEndpoint(_ servicesKey: String, profile name: String) -> String? {
        guard let sectionName = setting("services", profile: name) else { return nil }
        return nonEmpty(config.services[sectionName]?.nested[servicesKey]?["endpoint_url"])
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
