import Foundation

/// The whole output of a short engine run such as `show -json`.
public struct CapturedRun: Sendable {
    public var exitCode: Int32
    public var stdout: Data
    /// The error diagnostics of the run, including one made from stderr.
    public var diagnostics: [Diagnostic]

    /// The first error's summary and detail on one line, for messages.
    public var errorSummary: String {
        guard let first = diagnostics.first(where: \.isError) else { return "no error message" }
        let detail = first.detail.split(separator: "\n").first.map { ": \($0)" } ?? ""
        return first.summary + detail
    }
}

extension TerraformRunner {
    /// Runs the engine and keeps its raw stdout, for commands whose output is one JSON
    /// document rather than a stream of UI messages.
    public func capture(_ arguments: [String], in folder: URL, environment: [String: String]) throws -> CapturedRun {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("berth-capture-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }

        var diagnostics: [Diagnostic] = []
        let code = try run(arguments, in: folder, environment: environment, record: temporary) { event in
            if case let .diagnostic(diagnostic) = event {
                diagnostics.append(diagnostic)
            }
        }
        let stdout = (try? Data(contentsOf: temporary)) ?? Data()
        return CapturedRun(exitCode: code, stdout: stdout, diagnostics: diagnostics)
    }

    /// Runs the engine and folds every event into `model`, then sets the model's result
    /// from the exit code and whether `interrupt()` was used. Returns the exit code.
    public func run(
        _ arguments: [String],
        in folder: URL,
        environment: [String: String],
        record: URL? = nil,
        model: RunModel,
        detailedExitCode: Bool = false
    ) throws -> Int32 {
        let code = try run(arguments, in: folder, environment: environment, record: record) { model.apply($0) }
        if wasInterrupted {
            model.noteStopRequested()
        }
        model.finish(exitCode: code, detailedExitCode: detailedExitCode)
        return code
    }
}
