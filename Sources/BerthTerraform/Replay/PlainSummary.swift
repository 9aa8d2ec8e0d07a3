/// The end-of-run report as plain text lines, for `berth view --plain FILE` and for the
/// normal screen after the full-screen UI has ended: result, counts, failures, diagnostics
/// and outputs.
public enum PlainSummary {
    /// Returns the report lines for `snapshot`.
    public static func lines(for snapshot: RunSnapshot) -> [String] {
        var lines: [String] = []
        lines.append(headline(snapshot))
        if let notice = snapshot.notice {
            lines.append(notice)
        }
        if let summary = snapshot.summary {
            lines.append(counts(summary))
        }
        if snapshot.result != .succeeded, let failure = KnownFailure.recognize(snapshot.diagnostics) {
            lines.append(failure.explanation)
            lines.append("Next: " + failure.fix)
        }

        let rows = snapshot.resources
        let applied = rows.contains { $0.state != .planned }
        if !rows.isEmpty && !applied {
            lines.append("Planned changes: \(rows.count)")
        } else if !rows.isEmpty {
            let complete = rows.filter { $0.state == .complete }.count
            let errored = rows.filter { $0.state == .errored }.count
            let running = rows.filter { $0.state == .inProgress }.count
            let waiting = rows.filter { $0.state == .planned }.count
            // A planned update whose new values turn out equal to the old ones during a
            // successful apply is skipped, so it was left unchanged rather than not started.
            let counted = [
                (complete, "finished"), (errored, "failed"), (running, "unfinished"),
                (waiting, snapshot.result == .succeeded ? "unchanged after all" : "not started"),
            ]
            let parts = counted.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
            lines.append("Resources: \(rows.count) (\(parts.joined(separator: ", ")))")
        }
        if !snapshot.drift.isEmpty {
            lines.append("Changed outside Terraform: " + snapshot.drift.joined(separator: ", "))
        }

        let failures = rows.filter { $0.state == .errored }
        if !failures.isEmpty {
            lines.append("")
            lines.append("Failed resources:")
            for row in failures {
                let detail = row.detail.isEmpty ? "" : ": \(row.detail)"
                lines.append("  \(row.address) (\(row.action), \(seconds(row.elapsedSeconds)))\(detail)")
            }
        }

        if !snapshot.diagnostics.isEmpty {
            lines.append("")
            lines.append("Diagnostics:")
            for diagnostic in snapshot.diagnostics {
                lines.append(contentsOf: self.diagnostic(diagnostic))
            }
            if snapshot.omittedDiagnostics > 0 {
                lines.append("  (\(snapshot.omittedDiagnostics) more diagnostics not shown)")
            }
        }

        if !snapshot.outputs.isEmpty {
            lines.append("")
            lines.append("Outputs:")
            for output in snapshot.outputs {
                lines.append("  \(output.name) = \(output.value)")
            }
        }
        return lines
    }

    private static func headline(_ snapshot: RunSnapshot) -> String {
        let engine = snapshot.engine.isEmpty ? "Terraform" : snapshot.engine
        let exit = snapshot.exitCode.map { " (exit code \($0))" } ?? ""
        switch snapshot.result {
        case .succeeded?: return "\(engine): \(snapshot.phase.rawValue), succeeded\(exit)"
        case .failed?: return "\(engine): failed\(exit)"
        case .interrupted?: return "\(engine): stopped by an interrupt\(exit)"
        case nil: return "\(engine): \(snapshot.phase.rawValue), still running"
        }
    }

    private static func counts(_ summary: ChangeCounts) -> String {
        let verbs = summary.operation == "plan"
            ? ("to add", "to change", "to destroy")
            : ("added", "changed", "destroyed")
        let label = summary.operation.isEmpty ? "Changes" : summary.operation.prefix(1).uppercased() + summary.operation.dropFirst()
        return "\(label): \(summary.add) \(verbs.0), \(summary.change) \(verbs.1), \(summary.remove) \(verbs.2)"
    }

    private static func diagnostic(_ diagnostic: DiagnosticView) -> [String] {
        var lines = ["  \(diagnostic.severity == "error" ? "Error" : "Warning"): \(diagnostic.summary)"]
        if let address = diagnostic.address {
            lines.append("    resource: \(address)")
        }
        lines.append(contentsOf: diagnostic.snippet.map { "    " + $0 })
        for line in diagnostic.detail.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            lines.append("    " + line)
        }
        return lines
    }

    private static func seconds(_ value: Double) -> String {
        value < 60 ? "\(Int(value))s" : "\(Int(value) / 60)m\(Int(value) % 60)s"
    }
}
