/// The reason a typed value cannot be written to a tfvars file, with the fix.
public struct ValueEncodingError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        case notANumber, notABool, invalidList, invalidMap, invalidObject, looksLikeSecret, invalidText
    }

    public var kind: Kind
    /// The offending value, already masked when it looks like a secret.
    public var value: String
    /// The problem and what to enter instead.
    public var message: String

    public init(kind: Kind, value: String, message: String) {
        self.kind = kind
        self.value = value
        self.message = message
    }

    public var description: String { message }
}
