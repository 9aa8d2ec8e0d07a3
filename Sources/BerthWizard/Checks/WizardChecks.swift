import Foundation

/// The standard checks, in the order `berth check` prints them.
public enum WizardChecks {
    public static let all: [Check] = [
        IdentityCheck(),
        RegionCheck(),
        VPCCheck(),
        SubnetsCheck(),
        ClusterCheck(),
        NamespaceCheck(),
        ExecutionRoleCheck(),
        CodeStarRoleCheck(),
        GitHubTokenSecretCheck(),
        TfvarsCheck(),
        EngineCheck(),
    ] + PreflightChecks.all
}
