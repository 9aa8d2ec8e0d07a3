import BerthAWS
import Foundation

/// An `HTTPTransport` for unit tests: a handler decides each response, and every request is recorded.
public final class AWSScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [HTTPRequest] = []
    private let handler: @Sendable (HTTPRequest, Int) throws -> HTTPResponse

    /// `handler` receives each request and its 0-based index.
    public init(_ handler: @escaping @Sendable (HTTPRequest, Int) throws -> HTTPResponse) {
        self.handler = handler
    }

    /// Returns `responses` in order, repeating the last one.
    public convenience init(responses: [Result<HTTPResponse, TransportError>]) {
        self.init { _, index in
            try responses[min(index, responses.count - 1)].get()
        }
    }

    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
        lock.lock()
        let index = recorded.count
        recorded.append(request)
        lock.unlock()
        return try handler(request, index)
    }

    /// The requests sent so far.
    public var requests: [HTTPRequest] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }
}

/// A temporary home folder with `~/.aws/config` and `~/.aws/credentials` for one test.
public final class AWSTestHome: @unchecked Sendable {
    public let path: String

    /// Creates the folder and writes the files whose text is given.
    public init(config: String? = nil, credentials: String? = nil) throws {
        path = NSTemporaryDirectory() + "berth-aws-home-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path + "/.aws/sso/cache", withIntermediateDirectories: true)
        if let config { try write(".aws/config", config) }
        if let credentials { try write(".aws/credentials", credentials) }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` to `relativePath` under the home folder.
    public func write(_ relativePath: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + relativePath))
    }

    /// Returns an environment with this home and `variables`.
    public func environment(_ variables: [String: String] = [:]) -> AWSEnvironment {
        AWSEnvironment(variables: variables, homeDirectory: path)
    }
}

/// Passes requests on to another transport and records them, to count pages and retries.
public final class AWSRecordingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [HTTPRequest] = []
    private let next: any HTTPTransport

    public init(_ next: any HTTPTransport) {
        self.next = next
    }

    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
        lock.lock()
        recorded.append(request)
        lock.unlock()
        return try next.send(request)
    }

    /// The requests sent so far.
    public var requests: [HTTPRequest] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }
}
