import BerthTerraform
import BerthWizard
import Foundation

/// `berth view FILE`: a saved `terraform -json` stream summarised as text.
enum ViewCommand {
    static func run(path: String, write: (String) -> Void) throws -> Int32 {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw UsageError(description: "Cannot read \(path); give the path of a saved stream such as .berth/runs/<time>-apply.jsonl.")
        }

        let snapshot: RunSnapshot
        do {
            snapshot = try RunReplay.model(of: url).snapshot()
        } catch {
            throw UsageError(description: "\(error)")
        }
        let errors = snapshot.diagnostics.filter { $0.severity == "error" }.count

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
