import BerthTerraform
import Foundation

/// One Terraform command of the deploy.
public enum DeployPhase: String, Sendable, CaseIterable {
    case initialize = "init"
    case plan
    case apply
}

/// The outcome of one Terraform command.
public struct DeployRunResult: Sendable {
    public var exitCode: Int32
    public var snapshot: RunSnapshot
    /// The saved raw stream, under `.berth/runs/`.
    public var record: URL?

    public init(exitCode: Int32, snapshot: RunSnapshot, record: URL?) {
        self.exitCode = exitCode
        self.snapshot = snapshot
        self.record = record
    }
}

/// The changes the saved plan would make, read with `show -json`.
public struct PlanOverview: Equatable, Sendable {
    public struct Change: Equatable, Sendable {
        public var address: String
        public var action: String

        public init(address: String, action: String) {
            self.address = address
            self.action = action
        }
    }

    public var add: Int
    public var change: Int
    public var remove: Int
    public var changes: [Change]
    /// Addresses of the resources changed outside Terraform since the last apply.
    public var drift: [String]
    /// The outputs whose values are known at plan time; when nothing changes, the deployed values.
    public var outputs: [OutputValue] = []

    public init(add: Int, change: Int, remove: Int, changes: [Change], drift: [String] = []) {
        self.add = add
        self.change = change
        self.remove = remove
        self.changes = changes
        self.drift = drift
    }

    public var total: Int { add + change + remove }
}

/// Runs the deploy's Terraform commands in a blueprint folder. An
/// implementation owns the argument lists, the plan file and the run records.
public protocol DeployEngine: AnyObject {
    /// The engine's name and version, such as `Terraform 1.15.5`.
    var engineDescription: String { get }
    /// Runs one phase and blocks until it ends; `onUpdate` gets the run as it changes.
    func run(_ phase: DeployPhase, folder: URL, environment: [String: String], onUpdate: @escaping (RunSnapshot) -> Void) throws -> DeployRunResult
    /// Reads the plan the last `plan` phase saved.
    func review(folder: URL, environment: [String: String]) throws -> PlanOverview
    /// Sends one SIGINT to the running engine, so it stops after in-flight resources.
    func interrupt()
    /// Stops the running engine at once.
    func stop()
}
