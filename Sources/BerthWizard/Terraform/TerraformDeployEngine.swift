import BerthTerraform
import Foundation

/// `DeployEngine` over BerthTerraform: `init -json`, `plan -json -out`,
/// `show -json` for the review and `apply -json` of the saved plan, each
/// stream saved under `.berth/runs/`.
public final class TerraformDeployEngine: DeployEngine, @unchecked Sendable {
    public let engine: Engine
    private let runner: TerraformRunner
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    private var model: RunModel?

    public init(engine: Engine, now: @escaping @Sendable () -> Date = { Date() }) {
        self.engine = engine
        self.runner = TerraformRunner(engine: engine)
        self.now = now
    }

    public var engineDescription: String { engine.displayName }

    /// The saved plan, relative to the folder.
    public static let planFile = ".berth/plan.tfplan"

    public static func arguments(for phase: DeployPhase, engine: Engine, folder: URL) -> [String] {
        let commands = TerraformCommands(engine: engine)
        let planFile = folder.appendingPathComponent(planFile)
        switch phase {
        case .initialize: return commands.initArguments()
        case .plan: return commands.planArguments(planFile: planFile)
        case .apply: return commands.applyArguments(planFile: planFile)
        }
    }

    public func run(_ phase: DeployPhase, folder: URL, environment: [String: String], onUpdate: @escaping (RunSnapshot) -> Void) throws -> DeployRunResult {
        let record = TerraformCommands.recordURL(folder: folder, phase: phase.rawValue, at: now())
        try FileManager.default.createDirectory(at: record.deletingLastPathComponent(), withIntermediateDirectories: true)

        let initial: RunSnapshot.Phase = phase == .apply ? .applying : (phase == .plan ? .planning : .initializing)
        let model = RunModel(phase: initial, clock: now)
        model.apply(.version(engine: engine.name == "tofu" ? "OpenTofu" : "Terraform", version: engine.version, ui: ""))
        lock.lock()
        self.model = model
        lock.unlock()

        let code = try runner.run(Self.arguments(for: phase, engine: engine, folder: folder), in: folder, environment: environment, record: record) { event in
            model.apply(event)
            onUpdate(model.snapshot())
        }
        model.finish(exitCode: code)
        let snapshot = model.snapshot()
        onUpdate(snapshot)
        return DeployRunResult(exitCode: code, snapshot: snapshot, record: record)
    }

    public func review(folder: URL, environment: [String: String]) throws -> PlanOverview {
        let review = try TerraformCommands(engine: engine).review(
            planFile: folder.appendingPathComponent(Self.planFile),
            in: folder,
            environment: environment
        )
        return PlanOverview(review)
    }

    public func interrupt() {
        lock.lock()
        let model = self.model
        lock.unlock()
        if runner.interrupt() {
            model?.noteStopRequested()
        }
    }

    public func stop() {
        runner.terminate()
    }
}

extension PlanOverview {
    /// Builds the overview of a decoded `show -json` plan, counting a replacement as one add and one destroy.
    public init(_ review: PlanReview) {
        var changes: [Change] = []
        changes += review.creates.map { Change(address: $0.address, action: "create") }
        changes += review.updates.map { Change(address: $0.address, action: "update") }
        changes += review.replacements.map { Change(address: $0.address, action: "replace") }
        changes += review.destroys.map { Change(address: $0.address, action: "delete") }
        self.init(
            add: review.creates.count + review.replacements.count,
            change: review.updates.count,
            remove: review.destroys.count + review.replacements.count,
            changes: changes.sorted { $0.address < $1.address },
            drift: review.drift.map(\.address)
        )
        outputs = review.knownOutputs
    }
}
