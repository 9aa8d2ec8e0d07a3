import Foundation

extension AWSError {
    /// One or two sentences for the user: what failed and on what.
    public var userMessage: String {
        let call = "\(service) \(operation)"
        switch kind {
        case .notFound:
            return "\(call) found nothing: \(message.isEmpty ? code : message)"
        case .accessDenied where isKMSDenial:
            return "\(call) was denied by AWS KMS: the caller may not decrypt with the KMS key that protects this resource."
        case .accessDenied:
            let action = requiredAction
            let resource = deniedResource.map { " on \($0)" } ?? ""
            return "\(call) was denied: the caller is not allowed to perform \(action)\(resource)."
        case .invalidCredentials:
            return "AWS rejected the credentials\(sourceSuffix) for \(call) (\(code))."
        case .expiredCredentials:
            return "The AWS credentials\(sourceSuffix) have expired (\(code)), so \(call) failed."
        case .throttled:
            return "AWS throttled \(call) (\(code)) after \(attempts) attempt\(attempts == 1 ? "" : "s")."
        case .invalidInput:
            return "\(call) rejected the request: \(code)\(message.isEmpty ? "" : ": \(message)")"
        case .serviceFailure:
            return "\(call) failed on the AWS side (\(code), HTTP \(status)) after \(attempts) attempt\(attempts == 1 ? "" : "s")."
        case .network:
            return "\(call) got no answer: \(message)"
        case .clock:
            let offset = clockOffset.map { " This computer's clock is \(Self.describe(offset: $0)) AWS's clock." } ?? ""
            return "AWS rejected \(call) because the request time is wrong (\(code)).\(offset)"
        }
    }

    /// The next step for the user, with the exact command where there is one.
    public var fix: String {
        let profileOption = profileName.map { " --profile \(RegionResolver.quoted($0))" } ?? ""
        switch kind {
        case .notFound:
            return "Check the name and the region; the resource may be in another region or account."
        case .accessDenied where isKMSDenial:
            return "Grant the caller kms:Decrypt on the key (in the key policy or an IAM policy); the resource itself exists, so do not re-create it."
        case .accessDenied:
            let action = requiredAction
            return "Ask an administrator to allow \(action) for this identity (check with `aws sts get-caller-identity\(profileOption)`)."
        case .invalidCredentials:
            return "Check the access key\(sourceSuffix); `aws sts get-caller-identity\(profileOption)` shows whether AWS accepts it."
        case .expiredCredentials:
            if credentialSource?.contains("SSO") == true {
                return "Refresh the credentials: run `aws sso login\(profileOption)` and try again."
            }
            return "Refresh the credentials\(sourceSuffix) (for SSO run `aws sso login\(profileOption)`; otherwise get a new session token) and try again."
        case .throttled:
            return "Wait a minute and try again; raise AWS_MAX_ATTEMPTS if this keeps happening."
        case .invalidInput:
            return "Correct the value named in the message and try again."
        case .serviceFailure:
            return "Try again in a few minutes; if it persists, check the AWS Health Dashboard."
        case .network:
            return "Check the network connection, any HTTPS_PROXY setting and the endpoint URL, then try again."
        case .clock:
            return "Set this computer's clock to the correct time (for example enable NTP with `timedatectl set-ntp true`) and try again."
        }
    }

    /// The IAM action the call needs: the one AWS named in its denial, or else the one Berth called,
    /// as `prefix:Operation` (`secretsmanager:DescribeSecret`), since some denials name no action.
    public var requiredAction: String {
        deniedAction ?? "\(Self.actionPrefix(serviceID: service)):\(operation)"
    }

    /// Returns the IAM action prefix of a service ID: `Secrets Manager` is `secretsmanager`, `Route 53` is `route53`.
    static func actionPrefix(serviceID: String) -> String {
        serviceID.lowercased().replacingOccurrences(of: " ", with: "")
    }

    private var sourceSuffix: String {
        credentialSource.map { " from \($0)" } ?? ""
    }

    static func describe(offset: TimeInterval) -> String {
        let seconds = Int(abs(offset).rounded())
        let amount = seconds >= 120 ? "\(seconds / 60) minutes" : "\(seconds) seconds"
        return offset > 0 ? "\(amount) behind" : "\(amount) ahead of"
    }
}
