import BerthWizard
import Foundation

/// A screen as plain text lines, without fields and actions (the renderer prompts those).
enum PlainScreenText {
    static func lines(for screen: Screen) -> [String] {
        var lines = ["", "== Step \(screen.stepNumber) of \(screen.stepCount): \(screen.title)"]
        for block in screen.blocks {
            switch block {
            case .paragraph(let text, let style):
                lines.append(prefix(style) + text)
            case .table(let rows):
                let width = rows.map(\.key.count).max() ?? 0
                for row in rows {
                    lines.append("  " + row.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + row.value)
                }
            case .checks(let rows):
                for row in rows {
                    lines.append("  \(label(row.status).padding(toLength: 7, withPad: " ", startingAt: 0)) \(row.title): \(row.detail)")
                    if let fix = row.fix, row.status != .pass {
                        lines.append("          fix: \(fix)")
                    }
                }
            case .run(let snapshot):
                if let summary = snapshot.summary {
                    lines.append("  \(summary.operation): \(summary.add) to add, \(summary.change) to change, \(summary.remove) to destroy")
                }
                if let notice = snapshot.notice {
                    lines.append("  \(notice)")
                }
            }
        }
        return lines
    }

    /// Text that changes when anything the person should read again changes.
    static func signature(_ screen: Screen) -> String {
        lines(for: screen).joined(separator: "\n") + screen.actions.map { "\($0.id):\($0.enabled)" }.joined(separator: ",")
    }

    static func label(_ status: CheckStatus) -> String {
        switch status {
        case .pass: return "PASS"
        case .warn: return "WARN"
        case .fail: return "FAIL"
        case .unknown: return "UNKNOWN"
        case .pending, .running: return "…"
        }
    }

    private static func prefix(_ style: TextStyle) -> String {
        switch style {
        case .error: return "! "
        case .warning: return "* "
        case .success: return "ok "
        default: return ""
        }
    }
}
