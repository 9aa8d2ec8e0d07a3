import Foundation

/// IAM Identity Center (SSO) profiles: `sso_session` pointing at `[sso-session NAME]`, or the legacy
/// `sso_start_url` and `sso_region` keys. Reads the token the AWS CLI cached in
/// `~/.aws/sso/cache/<sha1>.json` and exchanges it for role credentials (GetRoleCredentials).
struct SSOCredentialSource {
    var shared: AWSSharedConfig
    var profile: String
    var environment: AWSEnvironment
    var runtime: AWSRuntime

    /// Returns the role credentials, or nil when the profile has no SSO settings.
    func credentials() throws -> AWSCredentials? {
        let sessionName = shared.setting("sso_session", profile: profile)
        let legacyURL = shared.setting("sso_start_url", profile: profile)
        guard sessionName != nil || legacyURL != nil else { return nil }

        let cacheKey: String
        let ssoRegion: String?
        if let sessionName {
            guard let session = shared.config.ssoSessions[sessionName] else {
                throw AWSSetupError(.invalidSetting, "Profile \"\(profile)\" names sso_session \"\(sessionName)\", but there is no [sso-session \(sessionName)] section.",
                                    fix: "Add the section or run `aws configure sso --profile \(quotedProfile)`.", file: shared.config.path)
            }
            cacheKey = sessionName
            ssoRegion = session.values["sso_region"]
        } else {
            cacheKey = legacyURL ?? ""
            ssoRegion = shared.setting("sso_region", profile: profile)
        }
        guard let accountID = shared.setting("sso_account_id", profile: profile),
              let roleName = shared.setting("sso_role_name", profile: profile), let ssoRegion else {
            throw AWSSetupError(.invalidSetting, "Profile \"\(profile)\" has incomplete SSO settings (sso_account_id, sso_role_name and sso_region are required).",
                                fix: "Run `aws configure sso --profile \(quotedProfile)`.", file: shared.config.path)
        }

        let token = try cachedToken(key: cacheKey)
        var endpoints = EndpointResolver(region: ssoRegion, environment: environment, shared: shared, profile: profile)
        endpoints.region = ssoRegion
        let client = AWSClient(region: ssoRegion, endpoints: endpoints, credentials: nil, runtime: runtime, profileName: profile)
        var call = AWSClient.Call(service: .sso, operation: "GetRoleCredentials")
        call.method = "GET"
        call.path = "/federation/credentials"
        call.query = [QueryParameter("account_id", accountID), QueryParameter("role_name", roleName)]
        call.headers.set("x-amz-sso_bearer_token", token)
        call.isSigned = false

        let response: HTTPResponse
        do {
            response = try client.send(call)
        } catch let error as AWSError where error.status == 401 || error.code == "UnauthorizedException" {
            throw loginRequired("the SSO portal rejected the cached token (\(error.code))")
        } catch let error as AWSError {
            throw AWSSetupError(.credentialSourceFailed, "Getting SSO role credentials for profile \"\(profile)\" failed: \(error.userMessage)",
                                fix: error.fix)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any],
              let role = object["roleCredentials"] as? [String: Any],
              let keyID = role["accessKeyId"] as? String, let secret = role["secretAccessKey"] as? String else {
            throw AWSSetupError(.credentialSourceFailed, "The SSO portal's response for profile \"\(profile)\" has no role credentials.",
                                fix: "Run `aws sso login --profile \(quotedProfile)` and try again.")
        }
        let expiration = (role["expiration"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue / 1000) }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: role["sessionToken"] as? String,
                              expiration: expiration, source: "profile \(profile) (SSO)")
    }

    /// Reads the access token from the CLI's cache file and checks its expiry.
    private func cachedToken(key: String) throws -> String {
        let name = Crypto.sha1Hex(Data(key.utf8))
        let path = environment.homeDirectory + "/.aws/sso/cache/\(name).json"
        guard FileManager.default.fileExists(atPath: path) else {
            throw loginRequired("there is no cached SSO token (\(path))")
        }
        guard let data = FileManager.default.contents(atPath: path),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw AWSSetupError(.credentialSourceFailed, "The SSO token cache \(path) could not be read as JSON.",
                                fix: "Delete the file and run `aws sso login --profile \(quotedProfile)`.", file: path)
        }
        guard let token = object["accessToken"] as? String, !token.isEmpty,
              let expiresText = object["expiresAt"] as? String, let expiresAt = ISO8601.parse(expiresText) else {
            throw loginRequired("the cached SSO token in \(path) is incomplete")
        }
        // NOTE: the CLI v2 also refreshes an expired token with its refresh token; Berth requests a new login instead.
        guard expiresAt > runtime.now() else {
            throw loginRequired("the cached SSO token expired at \(expiresText)")
        }
        return token
    }

    private func loginRequired(_ reason: String) -> AWSSetupError {
        AWSSetupError(.ssoLoginRequired, "The SSO session for profile \"\(profile)\" is not usable: \(reason).",
                      fix: "Run `aws sso login --profile \(quotedProfile)` and try again.")
    }

    private var quotedProfile: String { RegionResolver.quoted(profile) }
}
