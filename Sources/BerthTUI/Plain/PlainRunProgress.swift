import BerthTerraform
import Foundation

/// The part of a run the plain renderer has printed, so each snapshot adds only new lines.
struct PlainRunProgress {
    var screenID: String?
    private var states: [String: ResourceRow.State] = [:]
    private var diagnosticCount = 0
    private var logCount = 0
    private var phase: RunSnapshot.Phase?
    private var engine: String?
    private var notice: String?
    private var summaryShown: String?

    mutating func newLines(for run: RunSnapshot) -> [String] {
        var lines: [String] = []
        if run.phase != phase || run.engine != engine {
            phase = run.phase
            engine = run.engine
            lines.append("[\(run.phase.rawValue)] \(run.engine)".trimmingCharacters(in: .whitespaces))
        }
        if run.log.count < logCount { logCount = 0 }
        for line in run.log.dropFirst(logCount) {
            lines.append("  \(line)")
        }
        logCount = run.log.count
        for row in run.resources where states[row.address] != row.state {
            states[row.address] = row.state
            if row.state == .planned && run.phase != .planning && run.phase != .planned { continue }
            let elapsed = row.elapsedSeconds > 0 ? " (\(Int(row.elapsedSeconds))s)" : ""
            let detail = row.detail.isEmpty ? "" : " \(row.detail)"
            lines.append("  \(row.action) \(row.address): \(label(row.state))\(elapsed)\(detail)")
        }
        for diagnostic in run.diagnostics.dropFirst(diagnosticCount) {
            let location = diagnostic.location.map { " at \($0)" } ?? ""
            lines.append("  \(diagnostic.severity.uppercased()): \(diagnostic.summary)\(location)")
            for detail in diagnostic.detail.split(separator: "\n") {
                lines.append("    \(detail)")
            }
        }
        diagnosticCount = run.diagnostics.count
        if let summary = run.summary, summary.operation != summaryShown {
            summaryShown = summary.operation
            lines.append("  \(summary.operation): \(summary.add) to add, \(summary.change) to change, \(summary.remove) to destroy")
        }
        if run.notice != notice {
            notice = run.notice
            if let text = run.notice { lines.append("  \(text)") }
        }
        return lines
    }

    private func label(_ state: ResourceRow.State) -> String {
        switch state {
        case .planned: return "planned"
        case .inProgress: return "in progress"
        case .complete: return "complete"
        case .errored: return "failed"
        }
    }
}
