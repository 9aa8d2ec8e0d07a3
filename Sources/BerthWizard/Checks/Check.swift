import Foundation

/// A prerequisite Berth verifies before a deploy, as a value. The wizard
/// screens, `berth check` and a redeploy all run the same checks.
public protocol Check: Sendable {
    /// Stable id, such as `core.cluster`; `berth check` output and the session file use it.
    var id: String { get }
    var title: String { get }
    /// Ids of checks that must pass (or warn) before this one runs.
    var dependsOn: [String] { get }
    func run(_ context: CheckContext) -> CheckResult
}

/// The outcome of a check: its status, what was found, and what to do about it.
public struct CheckResult: Equatable, Sendable {
    public var status: CheckStatus
    /// What the check saw, such as ids found or the error AWS returned. Never a secret.
    public var evidence: String
    /// What the person should do next, with the exact command where there is one.
    public var fix: String?
    /// Values later checks and screens read, such as `account` or `vpc_id`.
    public var facts: [String: String]

    public init(status: CheckStatus, evidence: String, fix: String? = nil, facts: [String: String] = [:]) {
        self.status = status
        self.evidence = evidence
        self.fix = fix
        self.facts = facts
    }

    public static func pass(_ evidence: String, facts: [String: String] = [:]) -> CheckResult {
        CheckResult(status: .pass, evidence: evidence, facts: facts)
    }

    public static func warn(_ evidence: String, fix: String?, facts: [String: String] = [:]) -> CheckResult {
        CheckResult(status: .warn, evidence: evidence, fix: fix, facts: facts)
    }

    public static func fail(_ evidence: String, fix: String?, facts: [String: String] = [:]) -> CheckResult {
        CheckResult(status: .fail, evidence: evidence, fix: fix, facts: facts)
    }

    public static func unknown(_ evidence: String, fix: String?) -> CheckResult {
        CheckResult(status: .unknown, evidence: evidence, fix: fix)
    }

    /// Whether checks that depend on this one may run.
    public var allowsDependents: Bool { status == .pass || status == .warn }
}

extension CheckResult {
    /// The result for an AWS call that failed in a way the check has no special wording for.
    /// A denial names the action AWS refused when it is known, else `permission`, the
    /// actions the check needs.
    static func from(_ error: Error, doing operation: String, permission: String) -> CheckResult {
        guard let failure = error as? ServiceFailure else {
            return .unknown("\(operation) failed: \(error)", fix: "Check the network and the AWS endpoint, then run the check again.")
        }
        switch failure.kind {
        case .accessDenied:
            let action = failure.action ?? permission
            return .unknown(
                "\(operation) was denied (\(failure.code)): the caller may not use \(action).",
                fix: "Grant \(action) to the caller, or run Berth with a profile that has it."
            )
        case .expiredCredentials:
            return .fail(
                "\(operation) failed: the credentials have expired (\(failure.code)).",
                fix: "Refresh the credentials (for example `aws sso login`, or new session keys), then run Berth again."
            )
        case .network:
            return .unknown("\(operation) failed: \(failure.message)", fix: failure.fix ?? "Check the network and the AWS endpoint, then run the check again.")
        default:
            return .unknown("\(operation) failed: \(failure.description)", fix: failure.fix ?? "Run the check again; if it keeps failing, check the AWS console.")
        }
    }
}
