import Foundation

/// A failed AWS call, decoded the same way for the query/XML, EC2, JSON and REST-JSON protocols.
/// `userMessage` and `fix` are the words to show; secret values never appear in any field.
public struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The groups of failures that callers word and handle differently.
    public enum Kind: String, Sendable, Equatable {
        case notFound
        case accessDenied
        /// The access key or token is not known to AWS, or the signature does not match.
        case invalidCredentials
        case expiredCredentials
        case throttled
        case invalidInput
        case serviceFailure
        case network
        case clock
    }

    public var kind: Kind
    /// The AWS error code, such as `NoSuchEntity`; for network failures, `NetworkError`.
    public var code: String
    /// The service's message, or the transport's description.
    public var message: String
    /// The HTTP status; 0 when no response arrived.
    public var status: Int
    /// The request id AWS returned, for support cases.
    public var requestID: String?
    /// The service ID, such as `IAM`.
    public var service: String
    /// The operation, such as `GetRole`.
    public var operation: String
    /// For access denied: the action named in the message, such as `iam:GetRole`.
    public var deniedAction: String?
    /// For access denied: the resource named in the message.
    public var deniedResource: String?
    /// For clock errors: server time minus local time, in seconds, from the response `Date` header.
    public var clockOffset: TimeInterval?
    /// The profile in use, for commands in `fix`.
    public var profileName: String?
    /// The source of the credentials, such as `environment variables`.
    public var credentialSource: String?
    /// How many attempts were made.
    public var attempts: Int = 1

    public init(kind: Kind, code: String, message: String, status: Int, requestID: String? = nil,
                service: String, operation: String) {
        self.kind = kind
        self.code = code
        self.message = message
        self.status = status
        self.requestID = requestID
        self.service = service
        self.operation = operation
    }

    /// Whether AWS KMS, not the service itself, refused (the caller may read the secret but not decrypt it).
    public var isKMSDenial: Bool {
        kind == .accessDenied && (message.contains("KMS") || code.hasPrefix("KMS"))
    }

    public var description: String {
        var text = "\(service) \(operation) failed: \(code)"
        if !message.isEmpty { text += ": \(message)" }
        if status != 0 { text += " (HTTP \(status)" + (requestID.map { ", request id \($0))" } ?? ")") }
        return text
    }
}
