import Foundation

/// The outcome of the five core-infra look-ups, read from their check results. The wizard offers
/// to deploy core-infra only when the result is `missing`.
public enum CoreInfraLookup: Equatable, Sendable {
    /// Every look-up passed or warned.
    case found
    /// Nothing was found, and every failure reports that the object does not exist.
    case missing
    /// Some objects exist and others do not: a new core-infra would duplicate the ones that exist.
    case partial
    /// A look-up is still running, or failed for another reason (access, network, expired
    /// credentials, duplicates), so Berth cannot tell whether core-infra exists.
    case undecided

    /// Classifies the results of `WizardStep.coreInfra.checkIDs`.
    public static func classify(_ results: [String: CheckResult]) -> CoreInfraLookup {
        let outcomes = WizardStep.coreInfra.checkIDs.map { results[$0] }
        if outcomes.contains(where: { $0 == nil || $0?.status == .pending || $0?.status == .running }) {
            return .undecided
        }
        let known = outcomes.compactMap { $0 }
        if known.allSatisfy({ $0.status == .pass || $0.status == .warn }) {
            return .found
        }

        let notFound = known.filter(isNotFound)
        let skipped = known.filter { $0.status == .unknown && $0.evidence.hasPrefix("Skipped because") }
        let found = known.filter { $0.status == .pass || $0.status == .warn }
        if notFound.count + skipped.count + found.count < known.count || notFound.isEmpty {
            return .undecided
        }
        return found.isEmpty ? .missing : .partial
    }

    /// Returns whether a result is a failed look-up whose object does not exist.
    static func isNotFound(_ result: CheckResult) -> Bool {
        result.status == .fail && (result.fix ?? "").lowercased().contains(CoreInfraFix.deployWords)
    }
}
