import Foundation

extension ChecklistCommand {
    /// `berth check --deployed`: the checks, then the post-deploy verification, as lines or,
    /// with `--json`, as one document with both (docs/check-json.md). `--only`, `--skip` and
    /// `--strict` select and judge the checks as without `--deployed`; `--strict` also counts
    /// a warning of the verification as a failure. Returns 0 when nothing failed, 1 when
    /// something did, 2 for an unknown check id.
    public static func runDeployed(
        _ configuration: WizardConfiguration,
        options: ChecklistOptions,
        timeout: TimeInterval,
        sleep: @escaping (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) },
        write: (String) -> Void
    ) -> Int32 {
        guard options.json else {
            let status = run(configuration, options: options, write: write)
            if status == 2 { return status }
            let deployedStatus = DeployedChecklist.run(configuration, timeout: timeout, strict: options.strict, sleep: sleep, write: write)
            return max(status, deployedStatus)
        }

        let selection: CheckSelection
        do {
            selection = try CheckSelection(only: options.only, skip: options.skip)
        } catch {
            write("berth: \(error)")
            return 2
        }
        let results = runChecks(selection, configuration)
        let checksStatus = CheckJSONReport.exitStatus(checks: selection.toReport, results: results, strict: options.strict)

        let target = DeployedChecklist.target(configuration)
        let deployed = DeployedChecklist.verify(configuration, target: target, timeout: timeout, sleep: sleep)
        let status = max(checksStatus, DeployedChecklist.exitStatus(deployed, strict: options.strict))

        let document = CheckJSONReport.document(
            checks: selection.toReport, results: results, settings: configuration.settings, skipped: selection.skipped,
            strict: options.strict, exitStatus: status, time: configuration.now()
        )
        write(CheckJSONReport.text(CheckJSONReport.addingDeployed(to: document, target: target, results: deployed, timeout: timeout, exitStatus: status)))
        return status
    }
}
