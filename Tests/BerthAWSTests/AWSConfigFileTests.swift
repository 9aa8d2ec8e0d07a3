import BerthAWS
import Foundation
import Testing

@Suite struct AWSConfigFileTests {
    @Test func profilePrefixAndSpacesInConfig() throws {
        let text = """
        # ~/.aws/config
        [dev]                      ; wrong: the CLI ignores this section
        region = eu-west-1
        [profile Foo Bar]
        region = us-east-2
        [default]
        region = eu-central-1
        """
        let file = try AWSConfigFile.parse(text, path: "/home/u/.aws/config", kind: .config)

        #expect(file.profiles.keys.sorted() == ["Foo Bar", "default"])
        #expect(file.profiles["Foo Bar"]?.values["region"] == "us-east-2")
        #expect(file.profiles["dev"] == nil)
        #expect(file.warnings.count == 1)
        #expect(file.warnings.first?.line == 2)
        #expect(file.warnings.first?.message.contains("[profile dev]") == true)
    }

    @Test func credentialsFileUsesBareNames() throws {
        let text = """
        [Foo Bar]
        aws_access_key_id = AKIAEXAMPLE
        aws_secret_access_key = secret#with-hash
        [profile odd]
        aws_access_key_id = AKIAODD
        """
        let file = try AWSConfigFile.parse(text, path: "credentials", kind: .credentials)

        #expect(file.profiles["Foo Bar"]?.values["aws_secret_access_key"] == "secret#with-hash")
        #expect(file.profiles["profile odd"] != nil)
    }

    @Test func commentsAndDelimiters() throws {
        let text = """
        ; leading comment
        [default]
          # indented comment
        region: us-west-2
        output = json # kept
        AWS_Access_Key_ID = AKIA
        """
        let file = try AWSConfigFile.parse(text, path: "config", kind: .config)
        let values = try #require(file.profiles["default"]?.values)

        #expect(values["region"] == "us-west-2")
        #expect(values["output"] == "json # kept")
        #expect(values["aws_access_key_id"] == "AKIA")
    }

    @Test func nestedServicesAndSSOSession() throws {
        let text = """
        [profile local]
        services = emulator
        region = us-west-2
        s3 =
          addressing_style = path
        [services emulator]
        secrets_manager =
          endpoint_url = http://127.0.0.1:5000
        ecs =
            endpoint_url = http://127.0.0.1:5001
        [sso-session corp]
        sso_start_url = https://example.awsapps.com/start
        sso_region = us-east-1
        """
        let file = try AWSConfigFile.parse(text, path: "config", kind: .config)

        #expect(file.profiles["local"]?.nested["s3"]?["addressing_style"] == "path")
        #expect(file.profiles["local"]?.values["region"] == "us-west-2")
        #expect(file.services["emulator"]?.nested["secrets_manager"]?["endpoint_url"] == "http://127.0.0.1:5000")
        #expect(file.services["emulator"]?.nested["ecs"]?["endpoint_url"] == "http://127.0.0.1:5001")
        #expect(file.ssoSessions["corp"]?.values["sso_region"] == "us-east-1")
    }

    @Test func evenlyIndentedSettingsAreNotNested() throws {
        let text = "[default]\n  region = us-west-2\n  output = json\n"
        let file = try AWSConfigFile.parse(text, path: "config", kind: .config)

        #expect(file.profiles["default"]?.values["region"] == "us-west-2")
        #expect(file.profiles["default"]?.values["output"] == "json")
    }

    @Test func unparsableLineNamesFileAndLine() {
        let text = "[default]\nregion = us-west-2\nthis line has no delimiter\n"
        #expect {
            try AWSConfigFile.parse(text, path: "/h/.aws/config", kind: .config)
        } throws: { error in
            let setup = error as? AWSSetupError
            return setup?.kind == .unreadableFile && setup?.file == "/h/.aws/config" && setup?.line == 3
        }
    }

    @Test func unclosedSectionMessageNamesFile() throws {
        let text = "[default]\nregion = us-west-2\n[profile broken\nregion = us-east-1\n"

        let error = try #require(#expect(throws: AWSSetupError.self) {
            try AWSConfigFile.parse(text, path: "/h/.aws/config", kind: .config)
        })

        #expect(error.message.contains("Line 3 of /h/.aws/config starts a section but has no closing `]`"))
        #expect(error.description.hasPrefix("Line 3 of /h/.aws/config"))
    }

    @Test func settingBeforeSectionIsRejected() {
        #expect(throws: AWSSetupError.self) {
            try AWSConfigFile.parse("region = us-west-2\n", path: "config", kind: .config)
        }
    }

    @Test func slashInProfileNameIsRejected() throws {
        let file = try AWSConfigFile.parse("[profile team/dev]\nregion = us-west-2\n", path: "config", kind: .config)

        #expect(file.profiles.isEmpty)
        #expect(file.warnings.first?.message.contains("contains `/`") == true)
    }

    @Test func crlfAndByteOrderMark() throws {
        let text = "\u{FEFF}[default]\r\nregion = us-west-2\r\n"
        let file = try AWSConfigFile.parse(text, path: "config", kind: .config)

        #expect(file.profiles["default"]?.values["region"] == "us-west-2")
    }

    @Test func profilePrefixInCredentialsFileWarns() throws {
        let file = try AWSConfigFile.parse("[profile dev]\naws_access_key_id = AKIA\n", path: "credentials", kind: .credentials)

        #expect(file.profiles["profile dev"] != nil)
        #expect(file.warnings.first?.message.contains("as [dev]") == true)
    }

    @Test func everyProfileKindIsListed() throws {
        let config = try AWSConfigFile.parse("""
        [sso-session corp]
        sso_region = us-east-1
        [profile dev-sso]
        sso_session = corp
        [profile deploy]
        role_arn = arn:aws:iam::1:role/deployer
        source_profile = dev-sso
        [profile proc]
        credential_process = /usr/local/bin/creds
        [profile ci]
        role_arn = arn:aws:iam::1:role/ci
        web_identity_token_file = /tmp/token
        [profile plain]
        region = us-west-2
        """, path: "config", kind: .config)
        let credentials = try AWSConfigFile.parse("[keys]\naws_access_key_id = AKIA\naws_secret_access_key = s\n",
                                                  path: "credentials", kind: .credentials)
        let shared = AWSSharedConfig(config: config, credentials: credentials)

        #expect(shared.profileNames == ["ci", "deploy", "dev-sso", "keys", "plain", "proc"])
        #expect(shared.kind(ofProfile: "dev-sso") == .sso)
        #expect(shared.kind(ofProfile: "deploy") == .assumeRole(roleARN: "arn:aws:iam::1:role/deployer"))
        #expect(shared.kind(ofProfile: "proc") == .credentialProcess)
        #expect(shared.kind(ofProfile: "ci") == .webIdentity)
        #expect(shared.kind(ofProfile: "keys") == .staticKeys)
        #expect(shared.kind(ofProfile: "plain") == .settingsOnly)
    }

    @Test func devNullReadsAsEmptyFile() throws {
        let file = try AWSConfigFile.load(path: "/dev/null", kind: .config)

        #expect(file.profiles.isEmpty)
        #expect(file.warnings.isEmpty)
    }

    @Test func invalidUTF8NamesPathAndFirstBadByte() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-utf8-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("config").path
        var bytes = Array("[default]\nregion = caf\u{E9}\n".utf8)
        bytes += [0x6F, 0x75, 0x74, 0x70, 0x75, 0x74, 0x20, 0xFF, 0x0A]
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let error = try #require(throws: AWSSetupError.self) {
            try AWSConfigFile.load(path: path, kind: .config)
        }

        #expect(error.kind == .unreadableFile)
        #expect(error.line == 3)
        #expect(error.message.contains(path))
        #expect(error.message.contains("byte 0xFF at offset 32 (line 3, column 8)"))
        #expect(error.fix.contains("AWS_CONFIG_FILE"))
    }

    @Test func utf8PositionFindsTruncatedSequence() {
        #expect(UTF8Position.firstInvalid(in: Array("ok \u{65E5}".utf8)) == nil)
        let truncated = UTF8Position.firstInvalid(in: [0x61, 0x0A, 0x62, 0xE6, 0x97])

        #expect(truncated?.offset == 3)
        #expect(truncated?.line == 2)
        #expect(truncated?.column == 2)
        #expect(truncated?.byte == 0xE6)
    }
}
