import Foundation

/// The options `berth check` runs with.
public struct ChecklistOptions: Equatable, Sendable {
    public var only: [String]
    public var skip: [String]
    public var strict: Bool
    public var json: Bool

    public init(only: [String] = [], skip: [String] = [], strict: Bool = false, json: Bool = false) {
        self.only = only
        self.skip = skip
        self.strict = strict
        self.json = json
    }
}

extension ChecklistCommand {
    /// Runs the selected checks and writes lines, or the JSON document with `--json`.
    /// Returns the exit status: 0 pass, 1 a check failed, 2 an unknown id.
    public static func run(_ configuration: WizardConfiguration, options: ChecklistOptions, write: (String) -> Void) -> Int32 {
        let selection: CheckSelection
        do {
            selection = try CheckSelection(only: options.only, skip: options.skip)
        } catch {
            write("berth: \(error)")
            return 2
        }

        let results = runChecks(selection, configuration)
        let checks = selection.toReport
        let status = CheckJSONReport.exitStatus(checks: checks, results: results, strict: options.strict)

        if options.json {
            let document = CheckJSONReport.document(
                checks: checks, results: results, settings: configuration.settings, skipped: selection.skipped,
                strict: options.strict, exitStatus: status, time: configuration.now()
            )
            write(CheckJSONReport.text(document))
            return status
        }

        if let note = ChecklistReport.note(for: configuration.filesProblem, checks: checks, results: results) {
            write(note)
        }
        for line in ChecklistReport.lines(checks: checks, results: results) {
            write(line)
        }
        write(ChecklistReport.summary(checks: checks, results: results, strict: options.strict))
        return status
    }

    /// Runs the checks `selection` picks; the skipped ones count as given to those that depend on them.
    static func runChecks(_ selection: CheckSelection, _ configuration: WizardConfiguration) -> [String: CheckResult] {
        let context = CheckContext(
            settings: configuration.settings,
            account: configuration.account,
            engineProbe: configuration.engineProbe,
            files: configuration.files,
            earlier: selection.skippedResults
        )
        return selection.explained(configuration.checkRunner.run(selection.toRun, context: context))
    }
}
