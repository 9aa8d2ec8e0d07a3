import BerthTerraform
import BerthWizard
import Foundation

/// `berth view FILE`: a saved `terraform -json` stream summarised as text.
enum ViewCommand {
    static func run(path: String, write: (String) -> Void) throws -> Int32 {
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw UsageError(description: "Cannot read \(path); give the path of a saved stream such as .berth/runs/<time>-apply.jsonl.")
        }

        let phase: RunSnapshot.Phase = url.lastPathComponent.contains("apply") ? .applying : .planning
        let model = RunModel(phase: phase)
        let decoder = RunEventDecoder()
        var errors = 0
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let event = decoder.decode(Data(line)) else { continue }
            if case .diagnostic(let diagnostic) = event, diagnostic.isError { errors += 1 }
            model.apply(event)
        }
        model.finish(exitCode: errors == 0 ? 0 : 1)
        let snapshot = model.snapshot()

        write("\(url.lastPathComponent): \(snapshot.engine.isEmpty ? "Terraform" : snapshot.engine), \(snapshot.phase.rawValue)")
        if let summary = snapshot.summary {
            write("\(summary.operation): \(summary.add) to add, \(summary.change) to change, \(summary.remove) to destroy")
        }
        for row in snapshot.resources {
            let detail = row.detail.isEmpty ? "" : "  \(TokenPattern.mask(row.detail))"
            write("  \(row.state.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(row.action.padding(toLength: 7, withPad: " ", startingAt: 0)) \(row.address)\(detail)")
        }
        for diagnostic in snapshot.diagnostics {
            write("\(diagnostic.severity.uppercased()): \(TokenPattern.mask(diagnostic.summary))")
            for line in diagnostic.detail.split(separator: "\n") {
                write("  \(TokenPattern.mask(String(line)))")
            }
        }
        for output in snapshot.outputs {
            write("output \(output.name) = \(output.sensitive ? "(sensitive)" : TokenPattern.mask(output.value))")
        }
        if let notice = snapshot.notice {
            write(notice)
        }
        return errors == 0 ? 0 : 1
    }
}
