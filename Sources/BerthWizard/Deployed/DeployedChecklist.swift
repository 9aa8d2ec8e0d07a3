import Foundation

/// `berth check --deployed`: the post-deploy verification as lines, after the usual checks.
public enum DeployedChecklist {
    /// Verifies the service `configuration`'s folder deploys and writes one line per result;
    /// returns 0 when nothing failed, 1 otherwise (a service not deployed yet fails).
    public static func run(
        _ configuration: WizardConfiguration,
        timeout: TimeInterval,
        sleep: @escaping (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) },
        write: (String) -> Void
    ) -> Int32 {
        guard let services = configuration.account.services as? DeployedServices else {
            if case .unavailable(let message, let fix) = configuration.account {
                write("UNKNOWN Deployed service: \(message)")
                write("        fix: \(fix)")
            }
            return 1
        }
        let values = (try? configuration.files?.currentValues()) ?? [:]
        let target = DeployedTarget(settings: configuration.settings, values: values)
        write("Deployed service \(target.serviceName) in cluster \(target.cluster) (waiting up to \(Int(timeout)) s):")
        let verifier = DeployedVerifier(services: services, timeout: timeout, now: configuration.now, sleep: sleep)
        let results = verifier.verify(target)
        for line in lines(results) {
            write(line)
        }
        if results.values.contains(where: { $0.facts["not_deployed"] != nil }) {
            write("The service is not deployed by this blueprint yet.")
        }
        return ChecklistReport.exitCode(results: results)
    }

    /// Lines for the verification results, in the order of `DeployedVerifier.ids`.
    public static func lines(_ results: [String: CheckResult]) -> [String] {
        var lines: [String] = []
        for id in DeployedVerifier.ids {
            let result = results[id] ?? .unknown("The check did not run.", fix: nil)
            let title = DeployedVerifier.titles[id] ?? id
            lines.append("\(ChecklistReport.label(result.status).padding(toLength: 7, withPad: " ", startingAt: 0)) \(title): \(TokenPattern.mask(result.evidence))")
            if result.status != .pass, let fix = result.fix {
                lines.append("        fix: \(TokenPattern.mask(fix))")
            }
        }
        return lines
    }
}
