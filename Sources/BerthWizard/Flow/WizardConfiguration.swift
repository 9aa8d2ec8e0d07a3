import Foundation

/// Everything the wizard needs from outside: the folder, the account, the
/// engine, the files and the clock. Tests pass their own.
public struct WizardConfiguration {
    public var folder: URL
    /// Names from flags and terraform.tfvars, before the person edits them.
    public var settings: CheckSettings
    public var account: AccountAccess
    public var engineProbe: (@Sendable () throws -> EngineInfo)?
    /// The blueprint files, or nil when the folder's `.tf` files could not be read (`filesProblem` gives the reason).
    public var files: BlueprintFiles?
    public var filesProblem: String?
    /// Makes the engine for the Terraform steps; throws when no engine is installed.
    public var makeDeployEngine: () throws -> DeployEngine
    /// The environment Terraform runs with (the person's own plus AWS_PROFILE/AWS_REGION).
    public var childEnvironment: [String: String]
    public var now: @Sendable () -> Date
    public var checkRunner: CheckRunner

    public init(
        folder: URL,
        settings: CheckSettings,
        account: AccountAccess,
        engineProbe: (@Sendable () throws -> EngineInfo)?,
        files: BlueprintFiles?,
        filesProblem: String? = nil,
        makeDeployEngine: @escaping () throws -> DeployEngine,
        childEnvironment: [String: String],
        now: @escaping @Sendable () -> Date = { Date() },
        checkRunner: CheckRunner = CheckRunner()
    ) {
        self.folder = folder
        self.settings = settings
        self.account = account
        self.engineProbe = engineProbe
        self.files = files
        self.filesProblem = filesProblem
        self.makeDeployEngine = makeDeployEngine
        self.childEnvironment = childEnvironment
        self.now = now
        self.checkRunner = checkRunner
    }

    /// Builds the environment for a Terraform child: the configured one minus anything that looks
    /// like a GitHub token, plus settings that keep Terraform from prompting.
    public func terraformEnvironment(region: String?) -> [String: String] {
        var environment = childEnvironment.filter { !TokenPattern.looksLikeToken($0.value) }
        if let region {
            environment["AWS_REGION"] = region
            environment["AWS_DEFAULT_REGION"] = region
        }
        if let profile = settings.profile {
            environment["AWS_PROFILE"] = profile
        }
        environment["TF_IN_AUTOMATION"] = "1"
        environment["TF_INPUT"] = "0"
        return environment
    }
}

/// The way the wizard ended, for the executable's exit status.
public enum WizardOutcome: Equatable, Sendable {
    case deployed
    case quit
    case failed(String)

    public var exitCode: Int32 {
        switch self {
        case .deployed, .quit: return 0
        case .failed: return 1
        }
    }
}
