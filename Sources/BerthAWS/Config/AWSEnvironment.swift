import Foundation

/// The process environment and home folder that AWS settings are read from; injected so tests never read the real ones.
public struct AWSEnvironment: Sendable {
    /// Environment variables such as `AWS_PROFILE` and `AWS_REGION`.
    public var variables: [String: String]
    /// The home folder that `~/.aws` is relative to.
    public var homeDirectory: String

    /// Creates an environment from explicit values.
    public init(variables: [String: String], homeDirectory: String) {
        self.variables = variables
        self.homeDirectory = homeDirectory
    }

    /// The environment of this process, with `HOME` as the home folder as the AWS CLI reads it
    /// (falling back to the account's home folder when `HOME` is unset).
    public static var current: AWSEnvironment {
        let variables = ProcessInfo.processInfo.environment
        let home = variables["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.homeDirectoryForCurrentUser.path
        return AWSEnvironment(variables: variables, homeDirectory: home)
    }

    /// The value of `name`, treating an empty value as unset as the SDKs do.
    public func value(_ name: String) -> String? {
        guard let value = variables[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// The config file path: `AWS_CONFIG_FILE`, or `~/.aws/config`.
    public var configFilePath: String {
        expand(value("AWS_CONFIG_FILE") ?? "~/.aws/config")
    }

    /// The credentials file path: `AWS_SHARED_CREDENTIALS_FILE`, or `~/.aws/credentials`.
    public var credentialsFilePath: String {
        expand(value("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials")
    }

    /// Replaces a leading `~` with the home folder.
    public func expand(_ path: String) -> String {
        if path == "~" { return homeDirectory }
        if path.hasPrefix("~/") { return homeDirectory + path.dropFirst(1) }
        return path
    }
}
