import Foundation

/// The checks that catch apply failures before they happen; `WizardChecks.all`
/// ends with them, and the wizard shows them on the review step.
public enum PreflightChecks {
    public static let all: [Check] = [
        AmbiguousLookupsCheck(),
        NamespaceVPCCheck(),
        NameCollisionsCheck(),
        FargateSizeCheck(),
        ProviderVersionCheck(),
        GitHubCheck(),
    ]

    public static let ids: [String] = all.map(\.id)
}
