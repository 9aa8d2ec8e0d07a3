import BerthTestSupport
import BerthWizard
import Foundation
import Testing

/// The GitHub preflight against a loopback stand-in for the GitHub API, with the
/// token read from a secret in the emulator.
@Suite(.serialized) struct PreflightGitHubTests {
    static let emulator = Result { try Emulator() }

    private struct Setup {
        let context: CheckContext
        let token: String
    }

    private func setup(apiURL: String, tfvars: String = WizardFixture.completeTfvars) throws -> Setup {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-secret", "--with-role"])
        let fixture = try WizardFixture(emulator: emulator, tfvars: tfvars)
        var environment = fixture.environment
        environment["GITHUB_API_URL"] = apiURL
        let configuration = WizardSetup(folder: fixture.folder, profile: nil, region: nil, enginePath: nil,
                                        environment: environment, homeDirectory: fixture.home.path).makeConfiguration()
        let secret = try emulator.call("secretsmanager", "get_secret_value", ["SecretId": "ecs-github-token"])
        let token = try #require(secret["SecretString"] as? String)
        return Setup(context: CheckContext(settings: configuration.settings, account: configuration.account, files: configuration.files), token: token)
    }

    @Test func forkAndBuildspecPass() throws {
        let stub = try GitHubStub(table: GitHubStub.forkTable(owner: "octo-org"))
        let setup = try setup(apiURL: stub.baseURL)

        let result = GitHubCheck().run(setup.context)

        #expect(result.status == .pass, "\(result.evidence)")
        #expect(result.evidence.contains("octo-org/ecs-blueprints"))
        #expect(!result.evidence.contains(setup.token))
        #expect(stub.requests.map(\.target) == [
            "/repos/octo-org/ecs-blueprints",
            "/repos/octo-org/ecs-blueprints/contents/application-code/ecsdemo-nodejs/templates/buildspec.yml?ref=main",
        ])
    }

    @Test func tokenOnlyInAuthorizationHeader() throws {
        let stub = try GitHubStub(table: GitHubStub.forkTable(owner: "octo-org"))
        let setup = try setup(apiURL: stub.baseURL)

        _ = GitHubCheck().run(setup.context)

        #expect(stub.requests.count == 2)
        for request in stub.requests {
            #expect(request.header("Authorization") == "Bearer \(setup.token)")
            #expect(request.raw.components(separatedBy: setup.token).count == 2, "the token appears once per request")
            #expect(!request.target.contains(setup.token))
            #expect(request.headers.filter { $0.value.contains(setup.token) }.map(\.name) == ["Authorization"])
        }
    }

    @Test func invisibleCharacterInOwnerFailsWithoutRequest() throws {
        let stub = try GitHubStub(table: GitHubStub.forkTable(owner: "octo-org"))
        let tfvars = WizardFixture.completeTfvars.replacingOccurrences(of: "\"octo-org\"", with: "\"octo\u{200B}-example\u{202E}\"")
        let setup = try setup(apiURL: stub.baseURL, tfvars: tfvars)

        let result = GitHubCheck().run(setup.context)

        #expect(result.status == .fail)
        #expect(result.evidence.hasPrefix("repository_owner contains U+200B ZERO WIDTH SPACE at character 5"), "\(result.evidence)")
        #expect(stub.requests.isEmpty)
    }

    @Test func missingForkFails() throws {
        let stub = try GitHubStub()
        let setup = try setup(apiURL: stub.baseURL)

        let result = GitHubCheck().run(setup.context)

        #expect(result.status == .fail)
        #expect(result.evidence.contains("404 for the repository octo-org/ecs-blueprints"))
        #expect(result.evidence.contains("the fork does not exist, or the token cannot see it"))
        #expect(result.fix?.contains("set repository_owner and repository_name to your fork") == true)
    }

    @Test func buildspecMissingOnBranchFails() throws {
        let table = GitHubStub.forkTable(owner: "octo-org").filter { !$0.key.contains("/contents/") }
        let stub = try GitHubStub(table: table)
        let setup = try setup(apiURL: stub.baseURL)

        let result = GitHubCheck().run(setup.context)

        #expect(result.status == .fail)
        #expect(result.evidence.contains("is not on branch main"))
        #expect(result.fix?.contains("repository_branch") == true)
    }

    @Test func rejectedTokenFails() throws {
        let stub = try GitHubStub(table: ["/repos/octo-org/ecs-blueprints": .init(status: 401, body: #"{"message":"Bad credentials"}"#)])
        let setup = try setup(apiURL: stub.baseURL)

        let result = GitHubCheck().run(setup.context)

        #expect(result.status == .fail)
        #expect(result.evidence.contains("rejected the token with 401"))
        #expect(result.fix?.contains("aws secretsmanager put-secret-value") == true)
        #expect(stub.requests.count == 1)
    }

    @Test func classicTokenWithoutRepoScopeWarns() throws {
        let stub = try GitHubStub(table: GitHubStub.forkTable(owner: "octo-org", scopes: "public_repo, read:org"))
        let setup = try setup(apiURL: stub.baseURL)

        let result = GitHubCheck().run(setup.context)

        #expect(result.status == .warn)
        #expect(result.evidence.contains("scopes public_repo, read:org, not repo"))
    }

    @Test func upstreamOwnerWarns() throws {
        let stub = try GitHubStub(table: GitHubStub.forkTable(owner: "aws-ia"))
        let tfvars = WizardFixture.completeTfvars.replacingOccurrences(of: "\"octo-org\"", with: "\"aws-ia\"")
        let setup = try setup(apiURL: stub.baseURL, tfvars: tfvars)

        let result = GitHubCheck().run(setup.context)

        #expect(result.status == .warn)
        #expect(result.evidence.contains("you need your own fork for CodePipeline"))
        #expect(result.fix?.contains("Fork aws-ia/ecs-blueprints") == true)
    }

    @Test func unreachableAPIIsUnknownWithChecklist() throws {
        let closed = try GitHubStub()
        let url = closed.baseURL
        closed.stop()
        let setup = try setup(apiURL: url)

        let result = GitHubCheck().run(setup.context)

        #expect(result.status == .unknown)
        #expect(result.evidence.contains("could not be reached"))
        #expect(result.fix?.contains("Check by hand: octo-org/ecs-blueprints exists") == true)
    }

    @Test func plainHTTPToRemoteHostRefused() throws {
        let setup = try setup(apiURL: "http://github.example.invalid")

        let result = GitHubCheck().run(setup.context)

        #expect(result.status == .unknown)
        #expect(result.evidence.contains("must use https"))
    }
}
