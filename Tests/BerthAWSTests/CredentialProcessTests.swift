import BerthAWS
import BerthTestSupport
import Foundation
import Testing

/// `credential_process` run for real through `SystemProcessRunner`, and web identity through a scripted STS.
@Suite struct CredentialProcessTests {
    static func runtime(_ transport: any HTTPTransport = AWSScriptedTransport(responses: [])) -> AWSRuntime {
        AWSRuntime(transport: transport, now: { Date(timeIntervalSince1970: 1_796_385_600) }, sleep: { _ in }, random: { 1 })
    }

    /// Writes an executable shell script into the home folder and returns its path.
    func script(_ home: AWSTestHome, name: String, body: String) throws -> String {
        let path = home.path + "/" + name
        try home.write(name, "#!/bin/sh\n" + body)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func processOutputBecomesCredentials() throws {
        let home = try AWSTestHome()
        let path = try script(home, name: "creds tool.sh", body: """
        test "$1" = "--role" && test "$2" = "two words" || { echo "bad arguments: $*" >&2; exit 3; }
        test -z "$AWS_SECRET_ACCESS_KEY" || { echo "secret leaked into the child" >&2; exit 4; }
        echo '{"Version": 1, "AccessKeyId": "AKIAPROC", "SecretAccessKey": "proc-secret", "SessionToken": "proc-token", "Expiration": "2026-12-04T13:00:00Z"}'
        """)
        try home.write(".aws/config", "[profile proc]\nregion = us-west-2\ncredential_process = \"\(path)\" --role 'two words'\n")
        let environment = home.environment(["PATH": "/usr/bin:/bin", "AWS_SECRET_ACCESS_KEY": "must-not-reach-the-child"])
        let resolved = try AWSSettings.resolve(profile: "proc", region: nil, environment: environment, runtime: Self.runtime())

        #expect(resolved.credentials.accessKeyID == "AKIAPROC")
        #expect(resolved.credentials.sessionToken == "proc-token")
        #expect(resolved.credentials.expiration == ISO8601DateFormatter().date(from: "2026-12-04T13:00:00Z"))
    }

    @Test func failingProcessStopsWithItsMessage() throws {
        let home = try AWSTestHome()
        let path = try script(home, name: "fail.sh", body: "echo 'token expired, run corp-login' >&2\nexit 2\n")
        try home.write(".aws/config", "[profile proc]\nregion = us-west-2\ncredential_process = \(path)\n")
        #expect {
            try AWSSettings.resolve(profile: "proc", region: nil, environment: home.environment(), runtime: Self.runtime())
        } throws: { error in
            let setup = error as? AWSSetupError
            return setup?.kind == .credentialSourceFailed && setup?.message.contains("status 2: token expired, run corp-login") == true
        }
    }

    @Test func wrongVersionIsRejected() throws {
        let home = try AWSTestHome()
        let path = try script(home, name: "v2.sh", body: #"echo '{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "S"}'"# + "\n")
        try home.write(".aws/config", "[profile proc]\nregion = us-west-2\ncredential_process = \(path)\n")
        #expect {
            try AWSSettings.resolve(profile: "proc", region: nil, environment: home.environment(), runtime: Self.runtime())
        } throws: { error in
            (error as? AWSSetupError)?.message.contains("Version 2, not 1") == true
        }
    }

    @Test func commandLineSplitting() {
        #expect(CommandLineSplitter.split(#"tool --a "b c" 'd e' f\ g"#) == ["tool", "--a", "b c", "d e", "f g"])
        #expect(CommandLineSplitter.split(#"tool "" x"#) == ["tool", "", "x"])
        #expect(CommandLineSplitter.split(#"tool "unclosed"#) == nil)
    }

    @Test func webIdentityFromEnvironment() throws {
        let home = try AWSTestHome()
        try home.write("token.jwt", "header.payload.signature\n")
        let transport = AWSScriptedTransport { _, _ in
            HTTPResponse(status: 200, body: Data("""
            <AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>
            <AccessKeyId>ASIAWEB</AccessKeyId><SecretAccessKey>web-secret</SecretAccessKey><SessionToken>web-token</SessionToken>
            <Expiration>2026-12-04T13:00:00Z</Expiration></Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>
            """.utf8))
        }
        let environment = home.environment(["AWS_WEB_IDENTITY_TOKEN_FILE": home.path + "/token.jwt",
                                            "AWS_ROLE_ARN": "arn:aws:iam::1:role/ci", "AWS_REGION": "us-west-2"])
        let resolved = try AWSSettings.resolve(profile: nil, region: nil, environment: environment, runtime: Self.runtime(transport))

        #expect(resolved.credentials.accessKeyID == "ASIAWEB")
        let request = try #require(transport.requests.first)
        #expect(request.headers["Authorization"] == nil)
        #expect(String(decoding: request.body, as: UTF8.self).contains("WebIdentityToken=header.payload.signature"))
    }

    @Test func webIdentityBeforeProfileKeys() throws {
        let home = try AWSTestHome(credentials: "[default]\naws_access_key_id = AKIASTATIC\naws_secret_access_key = s\n")
        try home.write("token.jwt", "jwt")
        let transport = AWSScriptedTransport { _, _ in
            HTTPResponse(status: 200, body: Data("""
            <AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>
            <AccessKeyId>ASIAWEB</AccessKeyId><SecretAccessKey>w</SecretAccessKey><SessionToken>t</SessionToken>
            </Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>
            """.utf8))
        }
        let environment = home.environment(["AWS_WEB_IDENTITY_TOKEN_FILE": home.path + "/token.jwt",
                                            "AWS_ROLE_ARN": "arn:aws:iam::1:role/ci", "AWS_REGION": "us-west-2"])
        let resolved = try AWSSettings.resolve(profile: nil, region: nil, environment: environment, runtime: Self.runtime(transport))

        #expect(resolved.credentials.accessKeyID == "ASIAWEB")
    }

    @Test func missingWebIdentityTokenFileStops() throws {
        let home = try AWSTestHome()
        let environment = home.environment(["AWS_WEB_IDENTITY_TOKEN_FILE": home.path + "/absent.jwt",
                                            "AWS_ROLE_ARN": "arn:aws:iam::1:role/ci", "AWS_REGION": "us-west-2"])
        #expect {
            try AWSSettings.resolve(profile: nil, region: nil, environment: environment, runtime: Self.runtime())
        } throws: { error in
            (error as? AWSSetupError)?.kind == .credentialSourceFailed
        }
    }
}
