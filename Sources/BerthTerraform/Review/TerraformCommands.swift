import Foundation

/// The argument lists of Berth's pipeline (`init`, `plan -out`, `show -json`, `apply PLAN`,
/// `force-unlock`) and the steps that need more than one run.
public struct TerraformCommands: Sendable {
    public let engine: Engine

    public init(engine: Engine) {
        self.engine = engine
    }

    /// `init -json` where the engine supports it (Terraform 1.9+), plain `init` otherwise.
    public func initArguments() -> [String] {
        engine.supportsInitJSON ? ["init", "-json"] : ["init"]
    }

    /// `plan -json -out=FILE`; with `detailedExitCode`, exit code 2 means "changes planned".
    public func planArguments(planFile: URL, detailedExitCode: Bool = false, lockTimeout: String? = nil) -> [String] {
        var arguments = ["plan", "-json", "-out=\(planFile.path)"]
        if detailedExitCode {
            arguments.append("-detailed-exitcode")
        }
        if let lockTimeout {
            arguments.append("-lock-timeout=\(lockTimeout)")
        }
        return arguments
    }

    /// `show -json FILE`.
    public func showArguments(planFile: URL) -> [String] {
        ["show", "-json", planFile.path]
    }

    /// `apply -json FILE`: applies exactly the reviewed plan, so no `-auto-approve` is needed.
    public func applyArguments(planFile: URL, lockTimeout: String? = nil) -> [String] {
        var arguments = ["apply", "-json"]
        if let lockTimeout {
            arguments.append("-lock-timeout=\(lockTimeout)")
        }
        arguments.append(planFile.path)
        return arguments
    }

    /// Runs `show -json` on a saved plan and decodes it for review.
    public func review(planFile: URL, in folder: URL, environment: [String: String]) throws -> PlanReview {
        let runner = TerraformRunner(engine: engine)
        let output = try runner.capture(showArguments(planFile: planFile), in: folder, environment: environment)
        guard output.exitCode == 0 else {
            throw PlanReviewError(message: "terraform show -json \(planFile.lastPathComponent) failed with exit code \(output.exitCode): \(output.errorSummary)")
        }
        return try PlanReview.decode(output.stdout)
    }

    /// Releases a stale state lock. Call it only after the user confirmed that no other run
    /// holds the lock; nothing in Berth calls it on its own.
    public func forceUnlock(_ lock: StateLockInfo, in folder: URL, environment: [String: String]) throws -> CapturedRun {
        try TerraformRunner(engine: engine).capture(lock.forceUnlockArguments, in: folder, environment: environment)
    }

    /// Returns the run record path for a phase: `.berth/runs/<UTC time>-<phase>.jsonl` in `folder`.
    public static func recordURL(folder: URL, phase: String, at date: Date) -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return folder
            .appendingPathComponent(".berth/runs")
            .appendingPathComponent("\(formatter.string(from: date))-\(phase).jsonl")
    }
}
