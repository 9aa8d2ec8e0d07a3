import BerthAWS
import BerthTestSupport
import Foundation
import Testing

/// Profile, region and endpoint resolution with files in a temporary home and no network.
@Suite struct AWSSettingsTests {
    static let noNetwork = AWSScriptedTransport { request, _ in
        throw TransportError(kind: .connectFailed, url: request.urlString, detail: "unit tests send nothing")
    }

    static func runtime(_ transport: any HTTPTransport = noNetwork) -> AWSRuntime {
        AWSRuntime(transport: transport, now: { Date(timeIntervalSince1970: 1_796_400_000) }, sleep: { _ in }, random: { 1 })
    }

    static let handedConfig = """
    # ~/.aws/config
    [dev]                      ; wrong: the CLI ignores this section
    region = eu-west-1
    [profile Foo Bar]
    region = us-east-2
    """
    static let handedCredentials = """
    [Foo Bar]
    aws_access_key_id = AKIAFOOBAR
    aws_secret_access_key = foo-bar-secret
    """

    @Test func profileWithSpacesMergesBothFiles() throws {
        let home = try AWSTestHome(config: Self.handedConfig, credentials: Self.handedCredentials)
        let resolved = try AWSSettings.resolve(profile: "Foo Bar", region: nil, environment: home.environment(),
                                               runtime: Self.runtime())

        #expect(resolved.profileName == "Foo Bar")
        #expect(resolved.region == "us-east-2")
        #expect(resolved.regionSource.hasPrefix("profile Foo Bar"))
        #expect(resolved.credentials.accessKeyID == "AKIAFOOBAR")
        #expect(resolved.childEnvironment["AWS_PROFILE"] == "Foo Bar")
        #expect(resolved.childEnvironment["AWS_SECRET_ACCESS_KEY"] == nil)
        #expect(resolved.warnings.contains { $0.contains("[dev] is not a profile") })
        #expect(resolved.availableProfiles == ["Foo Bar"])
    }

    @Test func unprefixedConfigSectionIsNotAProfile() throws {
        let home = try AWSTestHome(config: Self.handedConfig, credentials: Self.handedCredentials)
        #expect {
            try AWSSettings.resolve(profile: nil, region: nil, environment: home.environment(["AWS_PROFILE": "dev"]),
                                    runtime: Self.runtime())
        } throws: { error in
            let setup = error as? AWSSetupError
            return setup?.kind == .profileNotFound && setup?.fix == "Rename the section to [profile dev] in \(home.path)/.aws/config."
                && setup?.line == 2
        }
    }

    @Test func unprefixedSectionWithCredentialsNamesRename() throws {
        let credentials = "[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = dev-secret\n"
        let home = try AWSTestHome(config: Self.handedConfig, credentials: credentials)

        let error = try #require(#expect(throws: AWSSetupError.self) {
            try AWSSettings.resolve(profile: "dev", region: nil, environment: home.environment(), runtime: Self.runtime())
        })

        #expect(error.kind == .missingRegion)
        #expect(error.message.contains("[dev] in \(home.environment().configFilePath) is not a profile"))
        #expect(error.fix.contains("Rename the section [dev] to [profile dev]"))
        #expect(error.line == 2)
    }

    @Test func slashInProfileNameIsRejected() throws {
        let home = try AWSTestHome(config: "[profile team/dev]\nregion = us-west-2\n")
        #expect {
            try AWSSettings.resolve(profile: "team/dev", region: nil, environment: home.environment(), runtime: Self.runtime())
        } throws: { error in
            let setup = error as? AWSSetupError
            return setup?.kind == .invalidProfileName && setup?.message.contains("contains `/`") == true
        }
    }

    @Test func regionOnlyInConfigDefault() throws {
        let home = try AWSTestHome(config: "[default]\nregion = eu-central-1\n",
                                   credentials: "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = s\n")
        let resolved = try AWSSettings.resolve(profile: nil, region: nil, environment: home.environment(), runtime: Self.runtime())

        #expect(resolved.profileName == "default")
        #expect(resolved.region == "eu-central-1")
        #expect(resolved.credentials.accessKeyID == "AKIADEFAULT")
    }

    @Test func regionPrecedence() throws {
        let home = try AWSTestHome(config: "[default]\nregion = eu-central-1\n",
                                   credentials: "[default]\naws_access_key_id = AKIA\naws_secret_access_key = s\n")
        let both = home.environment(["AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-2"])

        #expect(try AWSSettings.resolve(profile: nil, region: "ap-south-1", environment: both, runtime: Self.runtime()).region == "ap-south-1")
        #expect(try AWSSettings.resolve(profile: nil, region: nil, environment: both, runtime: Self.runtime()).region == "us-east-1")
        let onlyDefault = home.environment(["AWS_DEFAULT_REGION": "us-east-2"])
        let resolved = try AWSSettings.resolve(profile: nil, region: nil, environment: onlyDefault, runtime: Self.runtime())
        #expect(resolved.region == "us-east-2")
        #expect(resolved.regionSource == "AWS_DEFAULT_REGION")
    }

    @Test func missingRegionIsAClearError() throws {
        let home = try AWSTestHome(credentials: "[default]\naws_access_key_id = AKIA\naws_secret_access_key = s\n")
        #expect {
            try AWSSettings.resolve(profile: nil, region: nil, environment: home.environment(), runtime: Self.runtime())
        } throws: { error in
            let setup = error as? AWSSetupError
            return setup?.kind == .missingRegion && setup?.fix.contains("--region") == true
        }
    }

    @Test func availabilityZoneAsRegion() throws {
        let home = try AWSTestHome(config: "[default]\nregion = us-west-2a\n",
                                   credentials: "[default]\naws_access_key_id = AKIA\naws_secret_access_key = s\n")
        #expect {
            try AWSSettings.resolve(profile: nil, region: nil, environment: home.environment(), runtime: Self.runtime())
        } throws: { error in
            let setup = error as? AWSSetupError
            return setup?.kind == .invalidRegion && setup?.message.contains("availability zone") == true
                && setup?.fix == "Use the region \"us-west-2\" instead."
        }
    }

    @Test func regionPatternCases() {
        for good in ["us-west-2", "eu-central-1", "us-gov-west-1", "ap-southeast-2", "cn-north-1"] {
            #expect(RegionResolver.isValid(good), "\(good)")
        }
        for bad in ["us-west-2a", "US-WEST-2", "uswest2", "us-west-22", "", "us-west"] {
            #expect(!RegionResolver.isValid(bad), "\(bad)")
        }
    }

    @Test func configAndCredentialsPathsFromEnvironment() throws {
        let home = try AWSTestHome()
        try home.write("custom-config", "[profile x]\nregion = us-west-1\n")
        try home.write("custom-credentials", "[x]\naws_access_key_id = AKIAX\naws_secret_access_key = s\n")
        let environment = home.environment(["AWS_CONFIG_FILE": home.path + "/custom-config",
                                            "AWS_SHARED_CREDENTIALS_FILE": home.path + "/custom-credentials",
                                            "AWS_PROFILE": "x"])
        let resolved = try AWSSettings.resolve(profile: nil, region: nil, environment: environment, runtime: Self.runtime())

        #expect(resolved.region == "us-west-1")
        #expect(resolved.credentials.accessKeyID == "AKIAX")
        #expect(resolved.profileSource == "AWS_PROFILE")
    }

    @Test func awsProfileWinsOverDefaultProfileWithWarning() throws {
        let home = try AWSTestHome(config: "[profile a]\nregion = us-west-1\n[profile b]\nregion = us-west-2\n",
                                   credentials: "[a]\naws_access_key_id = AKIAA\naws_secret_access_key = s\n[b]\naws_access_key_id = AKIAB\naws_secret_access_key = s\n")
        let resolved = try AWSSettings.resolve(profile: nil, region: nil,
                                               environment: home.environment(["AWS_PROFILE": "a", "AWS_DEFAULT_PROFILE": "b"]),
                                               runtime: Self.runtime())

        #expect(resolved.profileName == "a")
        #expect(resolved.warnings.contains { $0.contains("AWS_DEFAULT_PROFILE") })
    }

    @Test func unknownProfileListsAvailableOnes() throws {
        let home = try AWSTestHome(config: "[profile a]\nregion = us-west-1\n")
        #expect {
            try AWSSettings.resolve(profile: "missing", region: nil, environment: home.environment(), runtime: Self.runtime())
        } throws: { error in
            let setup = error as? AWSSetupError
            return setup?.kind == .profileNotFound && setup?.fix.contains("\"a\"") == true
        }
    }

    @Test func invalidMaxAttempts() throws {
        let home = try AWSTestHome(credentials: "[default]\naws_access_key_id = AKIA\naws_secret_access_key = s\n")
        #expect(throws: AWSSetupError.self) {
            try AWSSettings.resolve(profile: nil, region: "us-west-2",
                                    environment: home.environment(["AWS_MAX_ATTEMPTS": "zero"]), runtime: Self.runtime())
        }
        let resolved = try AWSSettings.resolve(profile: nil, region: "us-west-2",
                                               environment: home.environment(["AWS_MAX_ATTEMPTS": "5"]), runtime: Self.runtime())
        #expect(resolved.maxAttempts == 5)
    }

    @Test func invalidRetryMode() throws {
        let home = try AWSTestHome(credentials: "[default]\naws_access_key_id = AKIA\naws_secret_access_key = s\n")
        #expect {
            try AWSSettings.resolve(profile: nil, region: "us-west-2",
                                    environment: home.environment(["AWS_RETRY_MODE": "fast"]), runtime: Self.runtime())
        } throws: { error in
            (error as? AWSSetupError)?.message == "Invalid AWS_RETRY_MODE: \"fast\". Expected one of: legacy, standard, adaptive."
        }
    }
}
