import Foundation

/// The token secret's preflight extras, called from `GitHubTokenSecretCheck`:
/// a secret scheduled for deletion, and a secret that exists only in another region.
public enum SecretPreflight {
    /// Regions searched when the deploy region has no such secret.
    public static let defaultSearchRegions = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-northeast-1"]

    /// The fail result when the secret `name` is scheduled for deletion; nil when it is not (or Berth cannot tell).
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

    /// The regions other than `region` that hold a secret named `name`, searched in `settings.secretSearchRegions`.
    public static func otherRegions(holding name: String, services: AccountServices, settings: CheckSettings) -> [String] {
        guard let preflight = services as? PreflightServices else { return [] }
        return settings.secretSearchRegions.filter { $0 != settings.region }.filter { region in
            ((try? preflight.secretNames(nameFilter: name, region: region)) ?? []).contains(name)
        }
    }

    /// Evidence and fix for a secret found only elsewhere; nil when no other region holds it.
    public static func elsewhere(_ name: String, region: String, services: AccountServices, settings: CheckSettings) -> (evidence: String, fix: String)? {
        let regions = otherRegions(holding: name, services: services, settings: settings)
        guard let first = regions.first else { return nil }
        return (
            " It exists in \(regions.joined(separator: ", ")), not in \(region); the blueprint reads the secret in the deploy region.",
            "Create the secret in \(region) (`aws secretsmanager create-secret --name \(name) --secret-string <token> --region \(region)`), or deploy in \(first) (pass --region \(first))."
        )
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
