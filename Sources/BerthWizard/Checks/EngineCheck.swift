import BerthTerraform
import Foundation

/// A Terraform or OpenTofu executable is available, and which version it is.
public struct EngineCheck: Check {
    public let id = "engine"
    public let title = "Terraform engine"
    public let dependsOn: [String] = []

    public init() {}

    public func run(_ context: CheckContext) -> CheckResult {
        guard let probe = context.engineProbe else {
            return .unknown("No engine search was configured.", fix: "Pass --engine PATH to name the terraform or tofu executable.")
        }
        do {
            let engine = try probe()
            return .pass("\(engine.name) \(engine.version) at \(engine.path)", facts: ["engine": engine.name, "engine_version": engine.version, "engine_path": engine.path])
        } catch let error as EngineError {
            switch error {
            case .notFound:
                return .fail("No Terraform engine was found: \(error).", fix: error.fix)
            case .failedToRun:
                return .fail("The Terraform engine failed to run: \(error).", fix: error.fix)
            case .versionUnreadable, .unsupportedVersion:
                return .fail("The Terraform engine is not usable: \(error).", fix: error.fix)
            }
        } catch {
            return .fail(
                "The Terraform engine could not be started: \(error).",
                fix: "Check that the engine path exists and is executable, or pass another one with --engine PATH."
            )
        }
    }
}
