/// Failures Berth recognises in diagnostics so the wizard can explain them and offer the
/// right next step instead of a generic error.
public enum KnownFailure: Equatable, Sendable {
    /// Another run holds the state lock, or an interrupted one left it.
    case stateLocked(StateLockInfo)
    /// The AWS session token expired (`ExpiredToken`, `ExpiredTokenException`).
    case expiredCredentials
    /// `init` could not download or find a provider: registry, network or proxy.
    case providerInstallation(provider: String?)
    /// CodeStar Notifications could not yet create its managed rule, as happens right after
    /// its service-linked role was created.
    case codeStarNotificationRule
    /// A required variable has no value (`-input=false` makes this an error, not a prompt).
    case missingVariable(name: String?)

    /// Returns the first recognised failure among error diagnostics.
    public static func recognize(_ diagnostics: [Diagnostic]) -> KnownFailure? {
        for diagnostic in diagnostics where diagnostic.isError {
            if let failure = recognize(diagnostic) { return failure }
        }
        return nil
    }

    /// Returns the first recognised failure among the error diagnostics of a snapshot.
    public static func recognize(_ views: [DiagnosticView]) -> KnownFailure? {
        recognize(views.map { Diagnostic(severity: $0.severity, summary: $0.summary, detail: $0.detail, address: $0.address) })
    }

    /// Returns the failure this diagnostic shows, if Berth recognises it.
    public static func recognize(_ diagnostic: Diagnostic) -> KnownFailure? {
        let text = diagnostic.summary + "\n" + diagnostic.detail
        let lower = text.lowercased()

        if let lock = StateLockInfo.parse(diagnostic) {
            return .stateLocked(lock)
        }
        if lower.contains("expiredtoken") || lower.contains("security token included in the request is expired") {
            return .expiredCredentials
        }
        if lower.contains("codestar notification") && text.contains("ConfigurationException") {
            return .codeStarNotificationRule
        }
        if diagnostic.summary.hasPrefix("No value for required variable") {
            return .missingVariable(name: quoted(after: "variable", in: diagnostic.detail))
        }
        let installMarkers = [
            "failed to install provider", "failed to query available provider packages",
            "could not retrieve the list of available versions", "failed to resolve provider packages",
            "inconsistent dependency lock file", "incompatible provider version", "provider registry",
            "proxyconnect", "failed to install providers",
        ]
        if installMarkers.contains(where: lower.contains) {
            return .providerInstallation(provider: providerAddress(in: text))
        }
        return nil
    }

    /// The cause, in one sentence.
    public var explanation: String {
        switch self {
        case let .stateLocked(lock):
            let who = lock.who.map { " by \($0)" } ?? ""
            let when = lock.created.map { " since \($0)" } ?? ""
            return "The Terraform state is locked\(who)\(when) (lock ID \(lock.id))."
        case .expiredCredentials:
            return "The AWS session token has expired, so AWS rejected Terraform's requests; this is not a Terraform hang."
        case let .providerInstallation(provider):
            return "Terraform could not install the provider \(provider ?? "it needs"): the registry or a proxy could not be reached, or no matching version was found."
        case .codeStarNotificationRule:
            return "AWS CodeStar Notifications could not create its CloudWatch Events rule yet; this happens right after its service-linked role is created."
        case let .missingVariable(name):
            return "The required variable \(name ?? "") has no value in terraform.tfvars."
        }
    }

    /// The next step, with the exact command where there is one.
    public var fix: String {
        switch self {
        case let .stateLocked(lock):
            return "Wait for the other run to end, or retry with -lock-timeout=60s. Only when you are sure no other run is active, run: terraform force-unlock -force \(lock.id)"
        case .expiredCredentials:
            return "Refresh your credentials (for SSO: aws sso login --profile NAME), then run the step again."
        case .providerInstallation:
            return "Check the network, HTTPS_PROXY and any provider_installation block in the CLI configuration (TF_CLI_CONFIG_FILE or ~/.terraformrc), then run terraform init again."
        case .codeStarNotificationRule:
            return "Wait a minute and apply again; the resources already created stay in the state."
        case let .missingVariable(name):
            return "Set \(name ?? "the variable") in terraform.tfvars (a commented-out line does not count), then plan again."
        }
    }

    private static func quoted(after word: String, in text: String) -> String? {
        guard let range = text.range(of: word + " \"") else { return nil }
        let rest = text[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    private static func providerAddress(in text: String) -> String? {
        for word in text.split(whereSeparator: { " \n\t,:;()\"".contains($0) }) {
            let parts = word.split(separator: "/")
            if parts.count >= 2, parts.count <= 3, word.contains("/"), !word.hasPrefix("/"), !word.contains("://"),
               parts.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" } }) {
                return String(word)
            }
        }
        return nil
    }
}
