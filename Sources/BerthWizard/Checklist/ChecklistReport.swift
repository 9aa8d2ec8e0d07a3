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

    /// Lines for `results`, in the order of `checks`. Evidence and fixes are masked for tokens, and
    /// control and format characters in them (such as U+202E) are printed as `\u{202E}`.
    public static func lines(checks: [Check], results: [String: CheckResult]) -> [String] {
        var lines: [String] = []
        for check in checks {
            let result = results[check.id] ?? .unknown("The check did not run.", fix: nil)
            let evidence = visible(result.evidence)
            lines.append("\(label(result.status).padding(toLength: 7, withPad: " ", startingAt: 0)) \(check.title): \(evidence)")
            if result.status != .pass, let fix = result.fix {
                lines.append("        fix: \(visible(fix))")
            }
        }
        return lines
    }

    /// Returns `text` masked for tokens, with invisible and bidirectional control characters escaped.
    static func visible(_ text: String) -> String {
        InvisibleCharacters.escaped(TokenPattern.mask(text))
    }

    /// Returns the closing line: how many of `checks` passed, warned or did not pass, with "check"
    /// and "checks" matching the counts. With `strict`, a warning counts as not passing.
    public static func summary(checks: [Check], results: [String: CheckResult], strict: Bool) -> String {
        let total = checks.count
        let warned = checks.filter { results[$0.id]?.status == .warn }.count
        let notPassed = checks.filter { results[$0.id]?.allowsDependents != true }.count
        let noun = total == 1 ? "check" : "checks"

        if notPassed > 0 {
            let warnings = warned == 0 ? "" : ", and \(warned) warned"
            return "\(notPassed) of \(total) \(noun) did not pass\(warnings)."
        }
        if warned == 0 {
            return total == 1 ? "The 1 check passed." : "All \(total) checks passed."
        }
        if strict {
            return "\(warned) of \(total) \(noun) warned, and --strict counts warnings as failures."
        }
        if warned == total {
            return total == 1 ? "The 1 check passed with a warning." : "All \(total) checks passed, each with a warning."
        }
        return "All \(total) checks passed, \(warned) with a warning."
    }

    /// Returns the `Note:` line for a problem opening the folder's files, or nil when a printed
    /// check line already shows that problem (the tfvars check does), so it is printed once.
    public static func note(for problem: String?, checks: [Check], results: [String: CheckResult]) -> String? {
        guard let problem else { return nil }
        let shown = checks.contains { results[$0.id]?.evidence.contains(problem) == true }
        return shown ? nil : "Note: \(visible(problem))"
    }

    /// 0 when every check passed (warnings allowed), 1 otherwise.
    public static func exitCode(results: [String: CheckResult]) -> Int32 {
        results.values.allSatisfy { $0.status == .pass || $0.status == .warn } ? 0 : 1
    }
}
