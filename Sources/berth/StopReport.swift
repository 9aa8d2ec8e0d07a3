import BerthTerraform
import BerthWizard
import Foundation

/// The lines printed on the normal screen after a signal ended Berth: the last
/// run's summary, the resources it finished, and where its run log is.
enum StopReport {
    /// Returns nothing when no Terraform run took place.
    static func lines(run: RunSnapshot?, folder: URL) -> [String] {
        guard let run else { return [] }
        var lines = PlainSummary.lines(for: run)

        let started = run.resources.contains { $0.state != .planned }
        if started {
            let finished = run.resources.filter { $0.state == .complete }
            lines.append("")
            if finished.isEmpty {
                lines.append("Finished resources: none.")
            } else {
                lines.append("Finished resources (\(finished.count)):")
                lines += finished.map { "  \($0.address) (\($0.action))" }
            }
        }
        if let log = newestRunLog(in: folder) {
            lines.append("Run log: \(log.path)")
        }
        return lines.map(TokenPattern.mask)
    }

    /// Returns the newest `.berth/runs/*.jsonl` in `folder`. Their names start with the UTC time, so the largest name is the newest.
    static func newestRunLog(in folder: URL) -> URL? {
        let runs = folder.appendingPathComponent(".berth/runs", isDirectory: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") }.max().map { runs.appendingPathComponent($0) }
    }
}
