import Foundation

/// The text `berth check` prints: one line per check, the fix indented below it.
public enum ChecklistReport {
    public static func label(_ status: CheckStatus) -> String {
        switch status {
        case .pass: return "PASS"
        case .warn: return "WARN"
        case .fail: return "FAIL"
        case .unknown, .pending, .running: return "UNKNOWN"
        }
    }

    /// Lines for `results`, in the order of `checks`; evidence and fixes are masked for tokens.
    public static func lines(checks: [Check], results: [String: CheckResult]) -> [String] {
        var lines: [String] = []
        for check in checks {
            let result = results[check.id] ?? .unknown("The check did not run.", fix: nil)
            let evidence = TokenPattern.mask(result.evidence)
            lines.append("\(label(result.status).padding(toLength: 7, withPad: " ", startingAt: 0)) \(check.title): \(evidence)")
            if result.status != .pass, let fix = result.fix {
                lines.append("        fix: \(TokenPattern.mask(fix))")
            }
        }
        return lines
    }

    /// 0 when every check passed (warnings allowed), 1 otherwise.
    public static func exitCode(results: [String: CheckResult]) -> Int32 {
        results.values.allSatisfy { $0.status == .pass || $0.status == .warn } ? 0 : 1
    }
}
