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

        write(url.lastPathComponent)
        for line in PlainSummary.lines(for: snapshot) {
            write(TokenPattern.mask(line))
        }
        return errors == 0 ? 0 : 1
    }
}
