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
        if let note = ChecklistReport.note(for: configuration.filesProblem, checks: checks, results: results) {
            write(note)
        }
        for line in ChecklistReport.lines(checks: checks, results: results) {
            write(line)
        }
        write(ChecklistReport.summary(checks: checks, results: results, strict: false))
        return ChecklistReport.exitCode(results: results)
    }
}
