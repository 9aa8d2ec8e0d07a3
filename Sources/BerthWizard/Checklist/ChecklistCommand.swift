import Foundation

/// `berth check`: every check once, no screen, one line each.
public enum ChecklistCommand {
    /// Runs the checks for `configuration`, writes the lines, and returns the exit status
    /// (0 when nothing failed, 1 otherwise).
    public static func run(_ configuration: WizardConfiguration, write: (String) -> Void) -> Int32 {
        let checks = WizardChecks.all
        let context = CheckContext(
            settings: configuration.settings,
            account: configuration.account,
            engineProbe: configuration.engineProbe,
            files: configuration.files
        )
        let results = configuration.checkRunner.run(checks, context: context)
        if let problem = configuration.filesProblem {
            write("Note: \(TokenPattern.mask(problem))")
        }
        for line in ChecklistReport.lines(checks: checks, results: results) {
            write(line)
        }
        let failed = results.values.filter { $0.status == .fail || $0.status == .unknown }.count
        write(failed == 0 ? "All \(checks.count) checks passed." : "\(failed) of \(checks.count) checks did not pass.")
        return ChecklistReport.exitCode(results: results)
    }
}
