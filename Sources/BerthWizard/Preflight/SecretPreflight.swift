import Foundation

/// The token secret's preflight extras, called from `GitHubTokenSecretCheck`:
/// a secret scheduled for deletion, and the regions searched when the secret is missing.
public enum SecretPreflight {
    /// Regions searched when the deploy region has no such secret.
    public static let defaultSearchRegions = commonSecretRegions

    /// Returns the fail result when the secret `name` is scheduled for deletion, or nil when it is not (or Berth cannot tell).
    public static func deletionProblem(name: String, services: AccountServices, facts: [String: String]) -> CheckResult? {
        guard let preflight = services as? PreflightServices,
              let deleted = try? preflight.secretDeletionDate(id: name) else { return nil }
        let formatter = ISO8601DateFormatter()
        return .fail(
            "The secret \(name) was scheduled for deletion on \(formatter.string(from: deleted)); Terraform cannot read it, and it disappears when the recovery window ends.",
            fix: "Let Berth restore it (Restore secret), or run `aws secretsmanager restore-secret --secret-id \(name)`. Do not create a new secret with the same name.",
            facts: facts.merging(["secret_scheduled_for_deletion": name]) { _, new in new }
        )
    }

    /// Restores the secret and returns the secret check's result afterwards.
    public static func restore(name: String, using services: AccountServices, context: CheckContext) -> CheckResult {
        guard let preflight = services as? PreflightServices else { return PreflightWording.noServices }
        do {
            try preflight.restoreSecret(id: name)
        } catch {
            return .from(error, doing: "RestoreSecret \(name)", permission: "secretsmanager:RestoreSecret")
        }
        return GitHubTokenSecretCheck().run(context)
    }
}

extension CheckSettings {
    /// Reads `GITHUB_API_URL` and `BERTH_SECRET_REGIONS` (comma-separated) from `environment`.
    public mutating func applyPreflight(environment: [String: String]) {
        if let base = environment["GITHUB_API_URL"], !base.trimmingCharacters(in: .whitespaces).isEmpty {
            gitHubAPIURL = base
        }
        if let list = environment["BERTH_SECRET_REGIONS"] {
            secretSearchRegions = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }
}
