import Foundation

/// `berth check --deployed`: the post-deploy verification as lines, after the usual checks.
public enum DeployedChecklist {
    /// Verifies the service `configuration`'s folder deploys and writes one line per result;
    /// returns 0 when nothing failed, 1 otherwise (a service not deployed yet fails, and
    /// under `strict` a warning does).
    public static func run(
        _ configuration: WizardConfiguration,
        timeout: TimeInterval,
        strict: Bool = false,
        sleep: @escaping (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) },
        write: (String) -> Void
    ) -> Int32 {
        guard let target = target(configuration) else {
            if case .unavailable(let message, let fix) = configuration.account {
                write("UNKNOWN Deployed service: \(message)")
                write("        fix: \(fix)")
            }
            return 1
        }
        write("Deployed service \(target.serviceName) in cluster \(target.cluster) (waiting up to \(Int(timeout)) s):")
        let results = verify(configuration, target: target, timeout: timeout, sleep: sleep)
        for line in lines(results) {
            write(line)
        }
        if results.values.contains(where: { $0.facts["not_deployed"] != nil }) {
            write("The service is not deployed by this blueprint yet.")
        }
        return exitStatus(results, strict: strict)
    }

    /// Returns the names the folder deploys under, or nil when there is no AWS account to ask.
    public static func target(_ configuration: WizardConfiguration) -> DeployedTarget? {
        guard configuration.account.services is DeployedServices else { return nil }
        let values = (try? configuration.files?.currentValues()) ?? [:]
        return DeployedTarget(settings: configuration.settings, values: values)
    }

    /// Runs the verification of `target` and returns a result for each of `DeployedVerifier.ids`.
    /// Without an AWS account each result is `unknown`, and its evidence is the account's problem.
    public static func verify(
        _ configuration: WizardConfiguration,
        target: DeployedTarget?,
        timeout: TimeInterval,
        sleep: @escaping (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }
    ) -> [String: CheckResult] {
        guard let target, let services = configuration.account.services as? DeployedServices else {
            var unavailable = CheckResult.unknown("No AWS account to read the deployed service from.", fix: "Run `berth check` with AWS credentials for the deploy account.")
            if case .unavailable(let message, let fix) = configuration.account {
                unavailable = .unknown(message, fix: fix)
            }
            return Dictionary(uniqueKeysWithValues: DeployedVerifier.ids.map { ($0, unavailable) })
        }
        let verifier = DeployedVerifier(services: services, timeout: timeout, now: configuration.now, sleep: sleep)
        return verifier.verify(target)
    }

    /// Returns 0 when every verification passed or warned, else 1. Under `strict` a warning fails.
    public static func exitStatus(_ results: [String: CheckResult], strict: Bool) -> Int32 {
        let allowed: Set<CheckStatus> = strict ? [.pass] : [.pass, .warn]
        return DeployedVerifier.ids.allSatisfy { allowed.contains(results[$0]?.status ?? .unknown) } ? 0 : 1
    }

    /// Lines for the verification results, in the order of `DeployedVerifier.ids`.
    public static func lines(_ results: [String: CheckResult]) -> [String] {
        var lines: [String] = []
        for id in DeployedVerifier.ids {
            let result = results[id] ?? .unknown("The check did not run.", fix: nil)
            let title = DeployedVerifier.titles[id] ?? id
            lines.append("\(ChecklistReport.label(result.status).padding(toLength: 7, withPad: " ", startingAt: 0)) \(title): \(ChecklistReport.visible(result.evidence))")
            if result.status != .pass, let fix = result.fix {
                lines.append("        fix: \(ChecklistReport.visible(fix))")
            }
        }
        return lines
    }
}
