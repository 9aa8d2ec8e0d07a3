import Foundation

/// Resolves credentials in the order botocore (the AWS CLI) uses: environment keys (skipped when a
/// profile was passed explicitly), an assume-role profile, web identity (environment variables
/// before profile keys), SSO, the credentials file's keys, `credential_process`, then the config
/// file's keys. Only "not configured" moves on to the next source. A source that is configured but
/// fails stops the chain with its reason. No container or instance-metadata source is consulted.
public struct CredentialChain: Sendable {
    public var environment: AWSEnvironment
    public var shared: AWSSharedConfig
    /// The profile whose settings are read.
    public var profile: String
    /// Whether the profile came from `--profile`, which makes environment keys be ignored.
    public var profileIsExplicit: Bool
    /// The region for STS calls.
    public var region: String
    public var runtime: AWSRuntime
    /// Seconds a `credential_process` command may run.
    public var processTimeout: TimeInterval = 60

    public init(environment: AWSEnvironment, shared: AWSSharedConfig, profile: String, profileIsExplicit: Bool,
                region: String, runtime: AWSRuntime) {
        self.environment = environment
        self.shared = shared
        self.profile = profile
        self.profileIsExplicit = profileIsExplicit
        self.region = region
        self.runtime = runtime
    }

    /// Returns the first configured source's credentials, or throws when none is configured or one fails.
    public func resolve() throws -> AWSCredentials {
        if !profileIsExplicit, let credentials = try environmentKeys() {
            return credentials
        }
        if let credentials = try profileCredentials(profile, visited: [], environmentWebIdentity: true) {
            return credentials
        }
        let quoted = RegionResolver.quoted(profile)
        if profileIsExplicit && environment.value("AWS_ACCESS_KEY_ID") != nil {
            throw AWSSetupError(.noCredentials,
                                "No AWS credentials were found for profile \"\(profile)\": it has no keys, role, SSO or credential_process. AWS_ACCESS_KEY_ID is set but not used, because a profile passed with --profile takes precedence over the environment keys.",
                                fix: "Run `aws configure --profile \(quoted)` or `aws sso login --profile \(quoted)`, or leave out --profile to use the environment keys.")
        }
        throw AWSSetupError(.noCredentials,
                            "No AWS credentials were found for profile \"\(profile)\": no AWS_ACCESS_KEY_ID, and the profile has no keys, role, SSO or credential_process.",
                            fix: "Run `aws configure --profile \(quoted)` or `aws sso login --profile \(quoted)`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.")
    }

    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and the optional `AWS_SESSION_TOKEN`.
    func environmentKeys() throws -> AWSCredentials? {
        let keyID = environment.value("AWS_ACCESS_KEY_ID")
        let secret = environment.value("AWS_SECRET_ACCESS_KEY")
        switch (keyID, secret) {
        case (nil, nil):
            return nil
        case let (keyID?, secret?):
            return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret,
                                  sessionToken: environment.value("AWS_SESSION_TOKEN") ?? environment.value("AWS_SECURITY_TOKEN"),
                                  source: "environment variables")
        case (nil, _):
            throw AWSSetupError(.credentialSourceFailed, "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not.",
                                fix: "Set both variables, or unset AWS_SECRET_ACCESS_KEY to use a profile.")
        case (_, nil):
            throw AWSSetupError(.credentialSourceFailed, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.",
                                fix: "Set both variables, or unset AWS_ACCESS_KEY_ID to use a profile.")
        }
    }

    /// Returns the credentials profile `name` configures, or nil when it configures none. The
    /// `AWS_WEB_IDENTITY_TOKEN_FILE` variables apply to the chosen profile, not to source profiles.
    func profileCredentials(_ name: String, visited: [String], environmentWebIdentity: Bool = false) throws -> AWSCredentials? {
        if let roleARN = shared.setting("role_arn", profile: name),
           shared.setting("source_profile", profile: name) != nil || shared.setting("credential_source", profile: name) != nil {
            return try assumeRole(roleARN, profile: name, visited: visited + [name])
        }
        if environmentWebIdentity, let credentials = try webIdentity(profile: nil) {
            return credentials
        }
        if let credentials = try webIdentity(profile: name) {
            return credentials
        }
        if let credentials = try SSOCredentialSource(shared: shared, profile: name, environment: environment,
                                                     runtime: runtime).credentials() {
            return credentials
        }
        if let credentials = try staticKeys(in: shared.credentials, profile: name) {
            return credentials
        }
        if let command = shared.setting("credential_process", profile: name) {
            return try CredentialProcess(command: command, profile: name, environment: environment,
                                         runner: runtime.processRunner, timeout: processTimeout).run()
        }
        return try staticKeys(in: shared.config, profile: name)
    }

    private func staticKeys(in file: AWSConfigFile, profile name: String) throws -> AWSCredentials? {
        guard let values = file.profiles[name]?.values else { return nil }
        let keyID = values["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = values["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 }
        switch (keyID, secret) {
        case (nil, nil):
            return nil
        case let (keyID?, secret?):
            let token = values["aws_session_token"] ?? values["aws_security_token"]
            return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret,
                                  sessionToken: token.flatMap { $0.isEmpty ? nil : $0 },
                                  source: "profile \(name) in \(file.path)")
        default:
            let missing = keyID == nil ? "aws_access_key_id" : "aws_secret_access_key"
            throw AWSSetupError(.credentialSourceFailed, "Profile \"\(name)\" has only one of its two keys: \(missing) is missing.",
                                fix: "Add \(missing) to [\(file.kind == .config ? "profile \(name)" : name)] or remove the other key.",
                                file: file.path, line: file.profiles[name]?.line)
        }
    }

    /// `role_arn` with `source_profile` or `credential_source`, through STS AssumeRole.
    private func assumeRole(_ roleARN: String, profile name: String, visited: [String]) throws -> AWSCredentials {
        let sourceCredentials: AWSCredentials
        if let source = shared.setting("source_profile", profile: name) {
            if visited.dropLast().contains(source) {
                throw AWSSetupError(.invalidSetting,
                                    "Profile \"\(name)\" has a source_profile loop: \((visited + [source]).joined(separator: " -> ")).",
                                    fix: "Point source_profile at a profile with its own credentials.", file: shared.config.path)
            }
            guard shared.hasProfile(source) else {
                throw AWSSetupError(.profileNotFound, "Profile \"\(name)\" names source_profile \"\(source)\", which does not exist.",
                                    fix: "Add [profile \(source)] to the config file or correct source_profile.", file: shared.config.path)
            }
            if source == name {
                guard let own = try staticKeys(in: shared.credentials, profile: name) ?? staticKeys(in: shared.config, profile: name) else {
                    throw AWSSetupError(.noCredentials, "Profile \"\(name)\" is its own source_profile but has no keys.",
                                        fix: "Add aws_access_key_id and aws_secret_access_key to it.", file: shared.config.path)
                }
                sourceCredentials = own
            } else {
                guard let resolved = try profileCredentials(source, visited: visited) else {
                    throw AWSSetupError(.noCredentials, "source_profile \"\(source)\" of profile \"\(name)\" has no credentials.",
                                        fix: "Add keys, SSO settings or credential_process to profile \"\(source)\".",
                                        file: shared.config.path)
                }
                sourceCredentials = resolved
            }
        } else {
            let source = shared.setting("credential_source", profile: name) ?? ""
            guard source == "Environment" else {
                throw AWSSetupError(.invalidSetting,
                                    "Profile \"\(name)\" uses credential_source = \(source), which Berth does not support (only Environment).",
                                    fix: "Use source_profile, or run Berth where AWS_ACCESS_KEY_ID is set and use credential_source = Environment.",
                                    file: shared.config.path)
            }
            guard let keys = try environmentKeys() else {
                throw AWSSetupError(.noCredentials, "Profile \"\(name)\" uses credential_source = Environment, but AWS_ACCESS_KEY_ID is not set.",
                                    fix: "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.")
            }
            sourceCredentials = keys
        }

        if shared.setting("mfa_serial", profile: name) != nil {
            throw AWSSetupError(.invalidSetting, "Profile \"\(name)\" needs an MFA code (mfa_serial), which Berth cannot prompt for.",
                                fix: "Run `aws sts get-caller-identity --profile \(RegionResolver.quoted(name))` once so the AWS CLI caches the role, or use a profile without MFA.")
        }
        let sts = STSClient(client: stsClient(credentials: sourceCredentials))
        let sessionName = shared.setting("role_session_name", profile: name) ?? "berth-\(Int(runtime.now().timeIntervalSince1970))"
        let duration = shared.setting("duration_seconds", profile: name).flatMap(Int.init)
        do {
            var credentials = try sts.assumeRole(roleARN: roleARN, sessionName: sessionName,
                                                 externalID: shared.setting("external_id", profile: name),
                                                 durationSeconds: duration)
            credentials.source = "profile \(name) (assumed role \(roleARN))"
            return credentials
        } catch let error as AWSError {
            throw AWSSetupError(.credentialSourceFailed,
                                "Assuming role \(roleARN) for profile \"\(name)\" failed: \(error.userMessage)", fix: error.fix)
        }
    }

    /// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (profile nil), or the profile's `web_identity_token_file` + `role_arn`.
    private func webIdentity(profile name: String?) throws -> AWSCredentials? {
        let tokenFile: String?
        let roleARN: String?
        let sessionName: String?
        if let name {
            tokenFile = shared.setting("web_identity_token_file", profile: name)
            roleARN = shared.setting("role_arn", profile: name)
            sessionName = shared.setting("role_session_name", profile: name)
        } else {
            tokenFile = environment.value("AWS_WEB_IDENTITY_TOKEN_FILE")
            roleARN = environment.value("AWS_ROLE_ARN")
            sessionName = environment.value("AWS_ROLE_SESSION_NAME")
        }
        guard let tokenFile, let roleARN else { return nil }

        let path = environment.expand(tokenFile)
        guard let data = FileManager.default.contents(atPath: path),
              let token = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
            throw AWSSetupError(.credentialSourceFailed, "The web identity token file \(path) is missing, unreadable or empty.",
                                fix: "Check AWS_WEB_IDENTITY_TOKEN_FILE (or web_identity_token_file) and the file's permissions.",
                                file: path)
        }
        let sts = STSClient(client: stsClient(credentials: nil))
        do {
            var credentials = try sts.assumeRoleWithWebIdentity(roleARN: roleARN,
                                                                sessionName: sessionName ?? "berth-\(Int(runtime.now().timeIntervalSince1970))",
                                                                token: token)
            credentials.source = name.map { "profile \($0) (web identity)" } ?? "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)"
            return credentials
        } catch let error as AWSError {
            throw AWSSetupError(.credentialSourceFailed, "AssumeRoleWithWebIdentity for \(roleARN) failed: \(error.userMessage)",
                                fix: error.fix)
        }
    }

    private func stsClient(credentials: AWSCredentials?) -> AWSClient {
        let endpoints = EndpointResolver(region: region, environment: environment, shared: shared, profile: profile)
        return AWSClient(region: region, endpoints: endpoints, credentials: credentials.map(CredentialCache.fixed),
                         runtime: runtime, profileName: profile)
    }
}
