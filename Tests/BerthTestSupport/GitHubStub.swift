import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A stand-in for the GitHub REST API on 127.0.0.1 and a free port. It responds to
/// each `GET` from a table keyed by the request target (path and query, such as
/// `/repos/octo-org/ecs-blueprints`), 404 for anything else, and records every
/// request so tests can see where the token went. One request per connection.
public final class GitHubStub: @unchecked Sendable {
    /// One canned response.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: String

        public init(status: Int, headers: [String: String] = [:], body: String = "{}") {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    /// One request as received.
    public struct Request: Sendable {
        public var method: String
        /// The path and query as sent, such as `/repos/o/r/contents/a.yml?ref=main`.
        public var target: String
        public var headers: [(name: String, value: String)]
        /// Everything received, headers and body, as text.
        public var raw: String

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    public let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var table: [String: Reply]
    private var received: [Request] = []
    private var isStopped = false

    /// The base URL to put in `GITHUB_API_URL`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts listening; `table` maps request targets to responses.
    public init(table: [String: Reply] = [:]) throws {
        self.table = table
        let (descriptor, port) = try LoopbackListener.open(server: "GitHubStub")
        self.port = port
        listener = descriptor

        let thread = Thread { [weak self] in
            while true {
                let connection = accept(descriptor, nil, nil)
                guard let stub = self else {
                    if connection >= 0 { close(connection) }
                    close(descriptor)
                    return
                }
                if connection < 0 {
                    if stub.stopped {
                        close(descriptor)
                        return
                    }
                    continue
                }
                Thread { stub.handle(connection) }.start()
            }
        }
        thread.start()
    }

    deinit {
        stop()
    }

    /// Stops accepting connections.
    public func stop() {
        lock.lock()
        let first = !isStopped
        isStopped = true
        lock.unlock()
        if first {
            // Only wakes the accept loop, which closes the descriptor itself.
            shutdown(listener, Int32(SHUT_RDWR))
        }
    }

    /// Sets or replaces the response for `target`.
    public func set(_ target: String, _ reply: Reply) {
        lock.lock()
        table[target] = reply
        lock.unlock()
    }

    /// Every request received so far, in order.
    public var requests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Forgets the recorded requests.
    public func clearRequests() {
        lock.lock()
        received.removeAll()
        lock.unlock()
    }

    private var stopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return isStopped
    }

    private func handle(_ connection: Int32) {
        defer { close(connection) }
        guard let data = FaultProxy.readMessage(connection) else { return }
        let raw = String(decoding: data, as: UTF8.self)
        let head = raw.components(separatedBy: "\r\n\r\n").first ?? raw
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.isEmpty ? [] : lines.removeFirst().split(separator: " ").map(String.init)
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let request = Request(method: requestLine.first ?? "", target: requestLine.count > 1 ? requestLine[1] : "", headers: headers, raw: raw)

        lock.lock()
        received.append(request)
        let reply = table[request.target] ?? Reply(status: 404, body: #"{"message":"Not Found"}"#)
        lock.unlock()

        let body = Data(reply.body.utf8)
        var response = "HTTP/1.1 \(reply.status) \(reply.status == 200 ? "OK" : "Status")\r\n"
        response += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        for (name, value) in reply.headers.sorted(by: { $0.key < $1.key }) {
            response += "\(name): \(value)\r\n"
        }
        response += "\r\n"
        FaultProxy.write(connection, Data(response.utf8) + body)
        shutdown(connection, Int32(SHUT_RDWR))
    }
}

extension GitHubStub {
    /// Returns the responses for a fork `owner/name` whose `buildspec` exists on `branch`, for a classic token with `scopes`.
    public static func forkTable(owner: String, name: String = "ecs-blueprints", branch: String = "main",
                                 buildspec: String = "application-code/ecsdemo-nodejs/templates/buildspec.yml",
                                 scopes: String = "repo") -> [String: Reply] {
        [
            "/repos/\(owner)/\(name)": Reply(status: 200, headers: ["X-OAuth-Scopes": scopes],
                                             body: #"{"full_name":"\#(owner)/\#(name)","permissions":{"pull":true}}"#),
            "/repos/\(owner)/\(name)/contents/\(buildspec)?ref=\(branch)": Reply(status: 200, headers: ["X-OAuth-Scopes": scopes],
                                                                                  body: #"{"type":"file"}"#),
        ]
    }
}
