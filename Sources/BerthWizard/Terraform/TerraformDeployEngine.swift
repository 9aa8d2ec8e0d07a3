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

    public static func arguments(for phase: DeployPhase, engine: Engine) -> [String] {
        switch phase {
        case .initialize:
            return engine.supportsInitJSON ? ["init", "-json"] : ["init"]
        case .plan:
            return ["plan", "-json", "-out=\(planFile)"]
        case .apply:
            return ["apply", "-json", planFile]
        }
    }

    public func run(_ phase: DeployPhase, folder: URL, environment: [String: String], onUpdate: @escaping (RunSnapshot) -> Void) throws -> DeployRunResult {
        let runs = folder.appendingPathComponent(".berth/runs", isDirectory: true)
        try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
        let record = runs.appendingPathComponent("\(Self.stamp(now()))-\(phase.rawValue).jsonl")

        let initial: RunSnapshot.Phase = phase == .apply ? .applying : (phase == .plan ? .planning : .initializing)
        let model = RunModel(phase: initial, clock: now)
        model.apply(.version(engine: engine.name == "tofu" ? "OpenTofu" : "Terraform", version: engine.version, ui: ""))
        lock.lock()
        self.model = model
        lock.unlock()

        let code = try runner.run(Self.arguments(for: phase, engine: engine), in: folder, environment: environment, record: record) { event in
            model.apply(event)
            onUpdate(model.snapshot())
        }
        model.finish(exitCode: code)
        let snapshot = model.snapshot()
        onUpdate(snapshot)
        return DeployRunResult(exitCode: code, snapshot: snapshot, record: record)
    }

    public func review(folder: URL, environment: [String: String]) throws -> PlanOverview {
        // The plan's JSON can hold values read from data sources, so it goes to a
        // private temporary file that is removed at once.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("berth-show-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var errors: [String] = []
        let code = try runner.run(["show", "-json", Self.planFile], in: folder, environment: environment, record: scratch) { event in
            if case .diagnostic(let diagnostic) = event, diagnostic.isError {
                errors.append(diagnostic.summary + (diagnostic.detail.isEmpty ? "" : ": " + diagnostic.detail))
            }
        }
        guard code == 0 else {
            throw DeployEngineError("terraform show -json \(Self.planFile) failed (exit status \(code)): \(errors.joined(separator: "; "))")
        }
        return try PlanJSON.overview(from: Data(contentsOf: scratch))
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

    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss.SSS'Z'"
        return formatter.string(from: date)
    }
}

/// A Terraform step that could not run, with what to do.
public struct DeployEngineError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Reads the change list from `terraform show -json PLANFILE`.
public enum PlanJSON {
    public static func overview(from data: Data) throws -> PlanOverview {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DeployEngineError("terraform show -json printed no JSON object; run it by hand to see why.")
        }
        var add = 0, change = 0, remove = 0
        var changes: [PlanOverview.Change] = []
        for item in root["resource_changes"] as? [[String: Any]] ?? [] {
            guard let address = item["address"] as? String,
                  let actions = (item["change"] as? [String: Any])?["actions"] as? [String] else { continue }
            let action: String
            switch actions {
            case ["create"]: action = "create"; add += 1
            case ["update"]: action = "update"; change += 1
            case ["delete"]: action = "delete"; remove += 1
            case ["delete", "create"], ["create", "delete"]: action = "replace"; add += 1; remove += 1
            default: continue
            }
            changes.append(PlanOverview.Change(address: address, action: action))
        }
        return PlanOverview(add: add, change: change, remove: remove, changes: changes)
    }
}
