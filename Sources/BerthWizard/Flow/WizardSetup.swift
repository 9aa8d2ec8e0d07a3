import BerthAWS
import BerthTerraform
import Foundation

/// Builds a `WizardConfiguration` (and the check context for `berth check`)
/// from the command line, the environment and the folder's terraform.tfvars.
public struct WizardSetup {
    public var folder: URL
    public var profile: String?
    public var region: String?
    public var enginePath: String?
    public var environment: [String: String]
    public var homeDirectory: String

    /// AWS secret keys and session tokens. A child process gets them only when the person
    /// exported them and they are the credentials in use, because Terraform's AWS provider
    /// reads them there; Berth never adds a key it resolved itself (SSO, a role, a process).
    public static let secretVariables: Set<String> = ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"]

    public init(folder: URL, profile: String?, region: String?, enginePath: String?, environment: [String: String], homeDirectory: String) {
        self.folder = folder
        self.profile = profile
        self.region = region
        self.enginePath = enginePath
        self.environment = environment
        self.homeDirectory = homeDirectory
    }

    public func makeConfiguration(now: @escaping @Sendable () -> Date = { Date() }) -> WizardConfiguration {
        let files = HCLBlueprintFiles(folder: folder)
        var filesProblem: String?
        var tfvars: [String: String] = [:]
        do {
            _ = try files.variables()
            tfvars = try files.currentValues()
        } catch {
            filesProblem = "\(error)"
        }

        var regionChoice = region
        var regionSource = region == nil ? "" : "--region"
        if regionChoice == nil, let fromFile = tfvars["aws_region"], !fromFile.isEmpty {
            regionChoice = fromFile
            regionSource = "terraform.tfvars aws_region"
        }

        var settings = CheckSettings(folder: folder)
        settings.apply(variables: tfvars)
        settings.profile = profile
        settings.applyPreflight(environment: environment)

        let account: AccountAccess
        var childEnvironment = environment.filter { !Self.secretVariables.contains($0.key) && !TokenPattern.looksLikeToken($0.value) }
        do {
            let resolved = try AWSSettings.resolve(
                profile: profile,
                region: regionChoice,
                environment: AWSEnvironment(variables: environment, homeDirectory: homeDirectory)
            )
            account = .ready(BerthAWSServices(resolved: resolved))
            settings.region = resolved.region
            settings.regionSource = regionSource.isEmpty ? resolved.regionSource : regionSource
            settings.profile = resolved.profileName
            childEnvironment.merge(resolved.childEnvironment) { _, resolvedValue in resolvedValue }
            if resolved.credentials.source == "environment variables" {
                for name in Self.secretVariables {
                    if let value = environment[name] {
                        childEnvironment[name] = value
                    }
                }
            }
        } catch {
            let fix = (error as? AWSSetupError)?.fix ?? "Check ~/.aws/config and ~/.aws/credentials, or pass --profile and --region."
            let message = (error as? AWSSetupError)?.message ?? "\(error)"
            account = .unavailable(message: message, fix: fix)
            settings.region = regionChoice
            settings.regionSource = regionSource.isEmpty ? "not set" : regionSource
        }

        let explicitEngine = enginePath
        let engineEnvironment = childEnvironment
        let engineProbe: @Sendable () throws -> EngineInfo = {
            let engine = try Engine.discover(explicitPath: explicitEngine, environment: engineEnvironment)
            return EngineInfo(path: engine.path, name: engine.name, version: engine.version)
        }
        return WizardConfiguration(
            folder: folder,
            settings: settings,
            account: account,
            engineProbe: engineProbe,
            files: filesProblem == nil ? files : nil,
            filesProblem: filesProblem,
            makeDeployEngine: {
                TerraformDeployEngine(engine: try Engine.discover(explicitPath: explicitEngine, environment: engineEnvironment), now: now)
            },
            childEnvironment: childEnvironment,
            now: now
        )
    }
}
