import Foundation

/// The places where a terraform.tfvars value names something AWS no longer holds, such as a
/// core_stack_name whose cluster was deleted, read from the failed checks.
public enum TfvarsDisagreement {
    /// The variable each name-driven check looks up.
    static let variableOfCheck: [(check: String, variable: String)] = [
        ("core.vpc", "core_stack_name"),
        ("core.subnets", "core_stack_name"),
        ("core.cluster", "core_stack_name"),
        ("core.execution-role", "core_stack_name"),
        ("core.namespace", "namespace"),
        ("secret.github-token", "github_token_secret_name"),
    ]

    /// Returns one row per failed check: the variable with its value, and what the check found.
    public static func rows(results: [String: CheckResult], values: [String: String]) -> [KeyValueRow] {
        variableOfCheck.compactMap { pair in
            guard let result = results[pair.check], result.status == .fail else { return nil }
            let value = values[pair.variable].map { "\(pair.variable) = \"\($0)\"" } ?? "\(pair.variable) (default)"
            return KeyValueRow(value, TokenPattern.mask(result.evidence))
        }
    }

    /// Returns the screen blocks for the rows, or none when every value matches the account.
    public static func blocks(results: [String: CheckResult], values: [String: String]) -> [ScreenBlock] {
        let found = rows(results: results, values: values)
        guard !found.isEmpty else { return [] }
        return [
            .paragraph("terraform.tfvars disagrees with what AWS holds now; fix these before you apply:", .error),
            .table(found),
        ]
    }
}
