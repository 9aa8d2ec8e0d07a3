import Foundation

/// STS GetCallerIdentity: proves the credentials work and shows whose they are.
public struct IdentityCheck: Check {
    public let id = "identity"
    public let title = "AWS credentials"
    public let dependsOn: [String] = []

    public init() {}

    public func run(_ context: CheckContext) -> CheckResult {
        let services: AccountServices
        switch context.account {
        case .unavailable(let message, let fix):
            return .fail(message, fix: fix)
        case .ready(let ready):
            services = ready
        }

        do {
            let caller = try services.callerIdentity()
            var facts = ["account": caller.account, "arn": caller.arn]
            if let profile = context.settings.profile {
                facts["profile"] = profile
            }
            return .pass("Account \(caller.account), \(caller.arn)", facts: facts)
        } catch let failure as ServiceFailure where failure.kind == .expiredCredentials {
            let login = context.settings.profile.map { "`aws sso login --profile \($0)`" } ?? "`aws sso login`"
            return .fail(
                "The credentials have expired (\(failure.code)).",
                fix: "Refresh credentials: run \(login) or get new session keys, then run Berth again."
            )
        } catch let failure as ServiceFailure where failure.kind == .invalidCredentials {
            return .fail(
                "AWS rejected the credentials (\(failure.description)).",
                fix: "Check the access key and secret key of the profile, or choose another profile with --profile."
            )
        } catch {
            return .from(error, doing: "GetCallerIdentity", permission: "sts:GetCallerIdentity")
        }
    }
}
