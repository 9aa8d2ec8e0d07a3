import Foundation

/// The checks `berth check` runs and reports, from `--only ID` and `--skip ID`.
/// `--only` runs the named checks and the checks they depend on, but reports only the named ones.
/// `--skip` leaves checks out, so a check that depends on a skipped one reports `unknown`.
public struct CheckSelection {
    /// The checks to hand to the runner, in the standard order.
    public var toRun: [Check]
    /// The checks to report, in the standard order.
    public var toReport: [Check]
    /// The ids left out with `--skip`.
    public var skipped: [String]

    /// Throws `CheckSelectionError` when an id is not a check id; its message lists the valid ids.
    public init(only: [String], skip: [String], from checks: [Check] = WizardChecks.all) throws {
        let valid = checks.map(\.id)
        let unknown = (only + skip).filter { !valid.contains($0) }
        guard unknown.isEmpty else {
            let names = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
            throw CheckSelectionError(description: "Unknown check id \(names); valid ids: \(valid.joined(separator: ", ")).")
        }
        let byID = Dictionary(checks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        var selected = Set(only.isEmpty ? valid : only)
        var reported = selected
        reported.subtract(skip)
        var frontier = Array(selected)
        while let id = frontier.popLast() {
            for dependency in byID[id]?.dependsOn ?? [] where !selected.contains(dependency) && byID[dependency] != nil {
                selected.insert(dependency)
                frontier.append(dependency)
            }
        }
        selected.subtract(skip)

        toRun = checks.filter { selected.contains($0.id) }
        toReport = checks.filter { reported.contains($0.id) }
        skipped = valid.filter { skip.contains($0) }
    }

    /// Results standing in for the skipped checks, so their dependents report `unknown`.
    public var skippedResults: [String: CheckResult] {
        Dictionary(uniqueKeysWithValues: skipped.map { id in
            (id, CheckResult.unknown("Left out with --skip \(id).", fix: "Run without --skip \(id)."))
        })
    }

    /// `results` with the runner's wording for checks held back by a skipped dependency replaced.
    public func explained(_ results: [String: CheckResult]) -> [String: CheckResult] {
        var explained = results
        for check in toRun {
            guard let result = results[check.id], result.status == .unknown,
                  let dependency = check.dependsOn.first(where: skipped.contains) else { continue }
            explained[check.id] = .unknown(
                "Not run: it depends on \(dependency), which --skip left out.",
                fix: "Run without --skip \(dependency) to check this."
            )
        }
        return explained
    }
}

/// An `--only` or `--skip` id that names no check; a usage error (exit status 2).
public struct CheckSelectionError: Error, CustomStringConvertible {
    public var description: String
}
