import BerthTerraform
import BerthTestSupport
import Foundation

/// A Terraform configuration in a temporary folder, run with the rig's real Terraform and
/// no CLI configuration, so nothing reaches the network.
final class TerraformProject {
    let folder: TemporaryFolder
    let engine: Engine
    var environment: [String: String]

    /// With `rigProviders`, Terraform installs the rig's `berth.local/rig/files` provider from
    /// its local mirror; without, it has no providers beyond the built-in one.
    init(_ label: String, mainTF: String, rigProviders: Bool = false) throws {
        try Rig.require()
        folder = try TemporaryFolder(label)
        environment = ["PATH": "/usr/bin:/bin", "TF_CLI_CONFIG_FILE": rigProviders ? Rig.providerConfig.path : "/dev/null"]
        if rigProviders {
            environment["HOME"] = folder.url.path
        }
        engine = try Engine.discover(explicitPath: Rig.terraform.path, environment: environment)
        try folder.write("main.tf", mainTF)
    }

    var url: URL { folder.url }
    var commands: TerraformCommands { TerraformCommands(engine: engine) }
    var planFile: URL { url.appendingPathComponent("berth.tfplan") }

    /// Runs one command into a fresh model and returns both.
    @discardableResult
    func run(_ arguments: [String], runner: TerraformRunner? = nil, detailedExitCode: Bool = false, onEvent: ((RunEvent) -> Void)? = nil) throws -> (code: Int32, snapshot: RunSnapshot) {
        let runner = runner ?? TerraformRunner(engine: engine)
        let model = RunModel()
        let code = try runner.run(arguments, in: url, environment: environment) { event in
            model.apply(event)
            onEvent?(event)
        }
        if runner.wasInterrupted {
            model.noteStopRequested()
        }
        model.finish(exitCode: code, detailedExitCode: detailedExitCode)
        return (code, model.snapshot())
    }

    func initialize() throws -> (code: Int32, snapshot: RunSnapshot) {
        try run(commands.initArguments())
    }

    func plan(detailedExitCode: Bool = false) throws -> (code: Int32, snapshot: RunSnapshot) {
        try run(commands.planArguments(planFile: planFile, detailedExitCode: detailedExitCode), detailedExitCode: detailedExitCode)
    }

    func review() throws -> PlanReview {
        try commands.review(planFile: planFile, in: url, environment: environment)
    }

    func apply(runner: TerraformRunner? = nil, onEvent: ((RunEvent) -> Void)? = nil) throws -> (code: Int32, snapshot: RunSnapshot) {
        try run(commands.applyArguments(planFile: planFile), runner: runner, onEvent: onEvent)
    }

    /// Addresses in the state, from `terraform state list`.
    func stateList() throws -> [String] {
        let output = try TerraformRunner(engine: engine).capture(["state", "list"], in: url, environment: environment)
        return String(decoding: output.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
