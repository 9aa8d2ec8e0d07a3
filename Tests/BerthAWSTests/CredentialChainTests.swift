import BerthAWS
import BerthTestSupport
import Foundation
import Testing

/// The credential chain with a scripted transport standing in for STS and the SSO portal.
@Suite struct CredentialChainTests {
    static let now = Date(timeIntervalSince1970: 1_796_385_600)  // 2026-12-04T12:00:00Z

    static func runtime(_ transport: any HTTPTransport) -> AWSRuntime {
        AWSRuntime(transport: transport, now: { now }, sleep: { _ in }, random: { 1 })
    }

    static let ssoConfig = """
    [sso-session corp]
    sso_start_url = https://example.awsapps.com/start
    sso_region = us-east-1
    [profile dev-sso]
    sso_session = corp
    sso_account_id = 111122223333
    sso_role_name = Admin
    region = us-west-2
    [profile deploy]
    role_arn = arn:aws:iam::111122223333:role/deployer
    source_profile = dev-sso
    region = us-west-2
    """

    static func assumeRoleXML(keyID: String) -> HTTPResponse {
        HTTPResponse(status: 200, body: Data("""
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
        <Credentials><AccessKeyId>\(keyID)</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey>
        <SessionToken>role-token</SessionToken><Expiration>2026-12-04T13:00:00Z</Expiration></Credentials>
        </AssumeRoleResult></AssumeRoleResponse>
        """.utf8))
    }

    static let portalResponse = HTTPResponse(status: 200, body: Data("""
    {"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"sso-secret","sessionToken":"sso-token","expiration":1796403600000}}
    """.utf8))

    static func writeSSOToken(_ home: AWSTestHome, expiresAt: String) throws {
        let name = Crypto.sha1Hex(Data("corp".utf8))
        try home.write(".aws/sso/cache/\(name).json", #"{"accessToken":"cached-sso-token","expiresAt":"\#(expiresAt)"}"#)
    }

    @Test func environmentKeysWinUnlessProfileIsExplicit() throws {
        let home = try AWSTestHome(credentials: "[work]\naws_access_key_id = AKIAWORK\naws_secret_access_key = s\n")
        let variables = ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
                         "AWS_REGION": "us-west-2"]
        let transport = AWSScriptedTransport(responses: [])

        let fromEnvironmentProfile = try AWSSettings.resolve(profile: nil, region: nil,
                                                             environment: home.environment(variables.merging(["AWS_PROFILE": "work"]) { $1 }),
                                                             runtime: Self.runtime(transport))
        #expect(fromEnvironmentProfile.credentials.accessKeyID == "AKIAENV")
        #expect(fromEnvironmentProfile.credentials.sessionToken == "env-token")

        let explicit = try AWSSettings.resolve(profile: "work", region: nil, environment: home.environment(variables),
                                               runtime: Self.runtime(transport))
        #expect(explicit.credentials.accessKeyID == "AKIAWORK")
        #expect(explicit.credentials.sessionToken == nil)
    }

    @Test func partialEnvironmentKeysStop() throws {
        let home = try AWSTestHome(credentials: "[default]\naws_access_key_id = AKIA\naws_secret_access_key = s\n")
        #expect {
            try AWSSettings.resolve(profile: nil, region: "us-west-2",
                                    environment: home.environment(["AWS_ACCESS_KEY_ID": "AKIAENV"]),
                                    runtime: Self.runtime(AWSScriptedTransport(responses: [])))
        } throws: { error in
            (error as? AWSSetupError)?.message == "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not."
        }
    }

    @Test func credentialsFileBeforeConfigFile() throws {
        let home = try AWSTestHome(config: "[profile p]\naws_access_key_id = AKIACONFIG\naws_secret_access_key = c\nregion = us-west-2\n",
                                   credentials: "[p]\naws_access_key_id = AKIACREDS\naws_secret_access_key = k\n")
        let resolved = try AWSSettings.resolve(profile: "p", region: nil, environment: home.environment(),
                                               runtime: Self.runtime(AWSScriptedTransport(responses: [])))

        #expect(resolved.credentials.accessKeyID == "AKIACREDS")
    }

    @Test func ssoSessionProfileUsesCachedToken() throws {
        let home = try AWSTestHome(config: Self.ssoConfig)
        try Self.writeSSOToken(home, expiresAt: "2026-12-04T20:00:00Z")
        let transport = AWSScriptedTransport { _, _ in Self.portalResponse }
        let resolved = try AWSSettings.resolve(profile: "dev-sso", region: nil, environment: home.environment(),
                                               runtime: Self.runtime(transport))

        #expect(resolved.profileName == "dev-sso")
        #expect(resolved.region == "us-west-2")
        #expect(resolved.credentials.accessKeyID == "ASIASSO")
        #expect(resolved.credentials.expiration == Date(timeIntervalSince1970: 1_796_403_600))
        let request = try #require(transport.requests.first)
        #expect(request.host == "portal.sso.us-east-1.amazonaws.com")
        #expect(request.path == "/federation/credentials")
        #expect(request.query.contains(QueryParameter("account_id", "111122223333")))
        #expect(request.query.contains(QueryParameter("role_name", "Admin")))
        #expect(request.headers["x-amz-sso_bearer_token"] == "cached-sso-token")
        #expect(request.headers["Authorization"] == nil)
    }

    @Test func roleFromSSOSourceProfile() throws {
        let home = try AWSTestHome(config: Self.ssoConfig)
        try Self.writeSSOToken(home, expiresAt: "2026-12-04T20:00:00Z")
        let transport = AWSScriptedTransport { request, _ in
            request.host.hasPrefix("portal.sso") ? Self.portalResponse : Self.assumeRoleXML(keyID: "ASIAROLE")
        }
        let resolved = try AWSSettings.resolve(profile: "deploy", region: nil, environment: home.environment(),
                                               runtime: Self.runtime(transport))

        #expect(resolved.credentials.accessKeyID == "ASIAROLE")
        #expect(resolved.credentials.sessionToken == "role-token")
        #expect(resolved.credentials.source.contains("arn:aws:iam::111122223333:role/deployer"))
        let assume = try #require(transport.requests.last)
        #expect(assume.host == "sts.us-west-2.amazonaws.com")
        #expect(assume.headers["Authorization"]?.contains("Credential=ASIASSO/") == true)
        #expect(assume.headers["X-Amz-Security-Token"] == "sso-token")
        #expect(String(decoding: assume.body, as: UTF8.self).contains("Action=AssumeRole&"))
        #expect(String(decoding: assume.body, as: UTF8.self).contains("RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fdeployer"))
    }

    @Test func missingSSOTokenAsksForLogin() throws {
        let home = try AWSTestHome(config: Self.ssoConfig)
        #expect {
            try AWSSettings.resolve(profile: "deploy", region: nil, environment: home.environment(),
                                    runtime: Self.runtime(AWSScriptedTransport(responses: [])))
        } throws: { error in
            let setup = error as? AWSSetupError
            return setup?.kind == .ssoLoginRequired && setup?.fix == "Run `aws sso login --profile dev-sso` and try again."
        }
    }

    @Test func expiredSSOTokenAsksForLogin() throws {
        let home = try AWSTestHome(config: Self.ssoConfig)
        try Self.writeSSOToken(home, expiresAt: "2026-12-01T00:00:00Z")
        #expect {
            try AWSSettings.resolve(profile: "dev-sso", region: nil, environment: home.environment(),
                                    runtime: Self.runtime(AWSScriptedTransport(responses: [])))
        } throws: { error in
            let setup = error as? AWSSetupError
            return setup?.kind == .ssoLoginRequired && setup?.message.contains("expired") == true
                && setup?.fix.contains("aws sso login --profile dev-sso") == true
        }
    }

    @Test func legacySSOKeysUseStartURLAsCacheKey() throws {
        let config = """
        [profile legacy]
        sso_start_url = https://example.awsapps.com/start
        sso_region = eu-west-1
        sso_account_id = 111122223333
        sso_role_name = ReadOnly
        region = eu-west-1
        """
        let home = try AWSTestHome(config: config)
        let name = Crypto.sha1Hex(Data("https://example.awsapps.com/start".utf8))
        try home.write(".aws/sso/cache/\(name).json", #"{"accessToken":"legacy-token","expiresAt":"2026-12-04T20:00:00UTC"}"#)
        let transport = AWSScriptedTransport { _, _ in Self.portalResponse }
        let resolved = try AWSSettings.resolve(profile: "legacy", region: nil, environment: home.environment(),
                                               runtime: Self.runtime(transport))

        #expect(resolved.credentials.accessKeyID == "ASIASSO")
        #expect(transport.requests.first?.host == "portal.sso.eu-west-1.amazonaws.com")
    }

    @Test func ssoPortalRejectionAsksForLogin() throws {
        let home = try AWSTestHome(config: Self.ssoConfig)
        try Self.writeSSOToken(home, expiresAt: "2026-12-04T20:00:00Z")
        let transport = AWSScriptedTransport { _, _ in
            HTTPResponse(status: 401, headers: HTTPHeaders([("x-amzn-ErrorType", "UnauthorizedException")]),
                         body: Data(#"{"message":"Session token not found or invalid"}"#.utf8))
        }
        #expect {
            try AWSSettings.resolve(profile: "dev-sso", region: nil, environment: home.environment(), runtime: Self.runtime(transport))
        } throws: { error in
            (error as? AWSSetupError)?.kind == .ssoLoginRequired
        }
    }

    @Test func assumeRoleFailureStopsWithReason() throws {
        let config = "[profile base]\nregion = us-west-2\n[profile role]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\nregion = us-west-2\n"
        let home = try AWSTestHome(config: config, credentials: "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n")
        let transport = AWSScriptedTransport { _, _ in
            HTTPResponse(status: 403, body: Data("""
            <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::1:user/u is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::1:role/r</Message></Error><RequestId>req-1</RequestId></ErrorResponse>
            """.utf8))
        }
        #expect {
            try AWSSettings.resolve(profile: "role", region: nil, environment: home.environment(), runtime: Self.runtime(transport))
        } throws: { error in
            let setup = error as? AWSSetupError
            return setup?.kind == .credentialSourceFailed && setup?.message.contains("sts:AssumeRole") == true
        }
        #expect(transport.requests.count == 1)
    }

    @Test func sourceProfileLoopIsReported() throws {
        let config = "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\nregion = us-west-2\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n"
        let home = try AWSTestHome(config: config)
        #expect {
            try AWSSettings.resolve(profile: "a", region: nil, environment: home.environment(),
                                    runtime: Self.runtime(AWSScriptedTransport(responses: [])))
        } throws: { error in
            (error as? AWSSetupError)?.message.contains("loop") == true
        }
    }

    @Test func assumedRoleIsCachedUntilNearExpiry() throws {
        let config = "[profile base]\nregion = us-west-2\n[profile role]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\nregion = us-west-2\n"
        let home = try AWSTestHome(config: config, credentials: "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n")
        let clock = TestClock(Self.now)
        let transport = AWSScriptedTransport { _, index in Self.assumeRoleXML(keyID: "ASIAROLE\(index)") }
        let runtime = AWSRuntime(transport: transport, now: { clock.now }, sleep: { _ in }, random: { 1 })
        let resolved = try AWSSettings.resolve(profile: "role", region: nil, environment: home.environment(), runtime: runtime)

        #expect(try resolved.credentialCache.credentials(now: clock.now).accessKeyID == "ASIAROLE0")
        clock.now = Self.now.addingTimeInterval(3000)  // 12:50, ten minutes before expiry
        #expect(try resolved.credentialCache.credentials(now: clock.now).accessKeyID == "ASIAROLE0")
        clock.now = Self.now.addingTimeInterval(3400)  // 12:56:40, inside the refresh margin
        #expect(try resolved.credentialCache.credentials(now: clock.now).accessKeyID == "ASIAROLE1")
        #expect(transport.requests.count == 2)
    }

    @Test func noCredentialsAnywhere() throws {
        let home = try AWSTestHome(config: "[default]\nregion = us-west-2\n")
        #expect {
            try AWSSettings.resolve(profile: nil, region: nil, environment: home.environment(),
                                    runtime: Self.runtime(AWSScriptedTransport(responses: [])))
        } throws: { error in
            (error as? AWSSetupError)?.kind == .noCredentials
        }
    }

    @Test func explicitProfileWithoutKeysExplainsIgnoredEnvironmentKeys() throws {
        let home = try AWSTestHome(config: "[profile Foo Bar]\nregion = us-west-2\n")
        let variables = ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret"]

        let error = try #require(throws: AWSSetupError.self) {
            try AWSSettings.resolve(profile: "Foo Bar", region: nil, environment: home.environment(variables),
                                    runtime: Self.runtime(AWSScriptedTransport(responses: [])))
        }

        #expect(error.kind == .noCredentials)
        #expect(!error.message.contains("no AWS_ACCESS_KEY_ID"))
        #expect(error.message.contains("takes precedence over the environment keys"))
        #expect(error.message.contains("\"Foo Bar\": it has no keys"))
        #expect(error.fix.contains("leave out --profile"))
    }

    @Test func unsupportedCredentialSource() throws {
        let config = "[profile ec2]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Ec2InstanceMetadata\nregion = us-west-2\n"
        let home = try AWSTestHome(config: config)
        let transport = AWSScriptedTransport(responses: [])
        #expect {
            try AWSSettings.resolve(profile: "ec2", region: nil, environment: home.environment(), runtime: Self.runtime(transport))
        } throws: { error in
            (error as? AWSSetupError)?.message.contains("Ec2InstanceMetadata") == true
        }
        #expect(transport.requests.isEmpty)
    }
}

/// A clock tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) {
        current = start
    }

    var now: Date {
        get { lock.lock(); defer { lock.unlock() }; return current }
        set { lock.lock(); current = newValue; lock.unlock() }
    }
}
