/// Something that sends one HTTP request and returns the response, or throws `TransportError`.
public protocol HTTPTransport: Sendable {
    /// Sends `request` once, without retrying.
    func send(_ request: HTTPRequest) throws -> HTTPResponse
}

/// A failure below HTTP: the request got no complete response.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in terms a retry policy can act on.
    public enum Kind: Sendable, Equatable {
        /// The connection could not be made (refused, DNS failure, TLS failure); nothing was sent.
        case connectFailed
        /// The connect or total timeout passed.
        case timedOut
        /// The connection broke after the request was sent, so the server may have acted on it.
        case connectionLost
        /// Anything else, such as an invalid URL or option.
        case other
    }

    public var kind: Kind
    /// The URL of the failed request, without query or credentials.
    public var url: String
    /// The library's own message.
    public var detail: String

    public init(kind: Kind, url: String, detail: String) {
        self.kind = kind
        self.url = url
        self.detail = detail
    }

    public var description: String { "request to \(url) failed: \(detail)" }
}
