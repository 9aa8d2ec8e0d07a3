import BerthTestSupport
import BerthWizard
import Foundation

/// A copy of the sandbox blueprint in a temporary folder, wired to an emulator.
struct WizardFixture {
    let folder: URL
    let home: URL
    let emulator: Emulator
    /// Variables added to `environment`, such as the sandbox's failure switch.
    var extraEnvironment: [String: String] = [:]

    /// Copies `sandbox/backend-service` (without any terraform.tfvars) into a fresh folder.
    init(emulator: Emulator, tfvars: String? = nil) throws {
        try Rig.require()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("berth-wizard-\(UUID().uuidString)")
        folder = root.appendingPathComponent("backend-service")
        home = root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Rig.packageRoot.appendingPathComponent("sandbox/backend-service"), to: folder)
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("terraform.tfvars"))
        if let tfvars {
            try tfvars.write(to: folder.appendingPathComponent("terraform.tfvars"), atomically: true, encoding: .utf8)
        }
        self.emulator = emulator
    }

    /// The environment Berth runs with: the emulator's keys and endpoint, a private HOME, no CLI config.
    var environment: [String: String] {
        var variables = emulator.environment
        variables["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        variables["HOME"] = home.path
        variables["TF_CLI_CONFIG_FILE"] = "/dev/null"
        variables["GITHUB_API_URL"] = (try? Self.gitHub.get().baseURL) ?? "http://127.0.0.1:9"
        variables.merge(extraEnvironment) { _, extra in extra }
        return variables
    }

    /// A GitHub API stand-in that knows the fork octo-org/ecs-blueprints, so no test reaches github.com.
    static let gitHub = Result { try GitHubStub(table: GitHubStub.forkTable(owner: "octo-org")) }

    func configuration(region: String? = nil) -> WizardConfiguration {
        WizardSetup(
            folder: folder,
            profile: nil,
            region: region,
            enginePath: Rig.terraform.path,
            environment: environment,
            homeDirectory: home.path
        ).makeConfiguration()
    }

    /// Runs every check once and returns the results by id.
    func runChecks(region: String? = nil) -> [String: CheckResult] {
        let configuration = configuration(region: region)
        let context = CheckContext(
            settings: configuration.settings,
            account: configuration.account,
            engineProbe: configuration.engineProbe,
            files: configuration.files
        )
        return CheckRunner().run(WizardChecks.all, context: context)
    }

    /// Returns every regular file under the folder (including `.berth/`), with its bytes.
    func allFiles() -> [(String, Data)] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [(String, Data)] = []
        for case let url as URL in walker {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true, let data = FileManager.default.contents(atPath: url.path) {
                files.append((url.path, data))
            }
        }
        return files
    }

    static let completeTfvars = """
    aws_region               = "us-west-2"
    github_token_secret_name = "ecs-github-token"
    repository_owner         = "octo-org"
    cpu                      = 256
    memory                   = 512
    container_name           = "ecsdemo-nodejs"

    """
}
