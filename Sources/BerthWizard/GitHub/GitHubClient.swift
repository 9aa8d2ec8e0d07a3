import BerthAWS
import Foundation

/// The few GitHub REST calls the preflight makes. The token is sent only to
/// `baseURL`, only in the `Authorization: Bearer` header, over plain HTTP only
/// to a loopback host; redirects are not followed.
public struct GitHubClient: Sendable {
    /// The public GitHub API; GitHub Enterprise and tests set `GITHUB_API_URL` instead.
    public static let defaultBaseURL = "https://api.github.com"

    public let baseURL: URL
    private let transport: HTTPTransport

    /// Throws when `base` is not an http(s) URL without credentials, or is plain HTTP to another host than loopback.
    public init(base: String, transport: HTTPTransport = CurlTransport(connectTimeout: 5, totalTimeout: 15)) throws {
        var trimmed = base.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
              url.user == nil, url.password == nil, url.query == nil else {
            throw GitHubClientError("GITHUB_API_URL \"\(base)\" is not an http(s) URL such as https://api.github.com.")
        }
        let loopback = ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host.lowercased())
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw GitHubClientError("GITHUB_API_URL \"\(base)\" must use https (plain http only to 127.0.0.1), so the token is never sent in clear text.")
        }
        self.baseURL = url
        self.transport = transport
    }

    /// One API response: the status, the classic token's scopes, and the JSON body.
    public struct Reply: Sendable {
        public var status: Int
        /// The `X-OAuth-Scopes` header split on commas; nil when absent (fine-grained tokens).
        public var scopes: [String]?
        public var body: Data
    }

    /// `GET /repos/{owner}/{repo}`.
    public func repository(owner: String, name: String, token: String) throws -> Reply {
        try get(["repos", owner, name], query: [], token: token)
    }

    /// `GET /repos/{owner}/{repo}/contents/{path}?ref={ref}`.
    public func contents(owner: String, name: String, path: String, ref: String, token: String) throws -> Reply {
        let segments = path.split(separator: "/").map(String.init).filter { $0 != "." && !$0.isEmpty }
        return try get(["repos", owner, name, "contents"] + segments, query: [QueryParameter("ref", ref)], token: token)
    }

    private func get(_ segments: [String], query: [QueryParameter], token: String) throws -> Reply {
        guard !token.isEmpty, token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw GitHubClientError("The token is invalid: it contains spaces, line breaks or other characters a GitHub token does not have. Store the token alone in the secret.")
        }
        let path = baseURL.path + "/" + segments.map { URIEncoding.encode($0) }.joined(separator: "/")
        var headers = HTTPHeaders()
        headers.set("Accept", "application/vnd.github+json")
        headers.set("X-GitHub-Api-Version", "2022-11-28")
        headers.set("User-Agent", "berth")
        headers.set("Authorization", "Bearer \(token)")
        let request = HTTPRequest(method: "GET", scheme: baseURL.scheme ?? "https", host: baseURL.host ?? "", port: baseURL.port,
                                  path: path, query: query, headers: headers)
        let response = try transport.send(request)
        let scopes = response.headers["X-OAuth-Scopes"].map { header in
            header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return Reply(status: response.status, scopes: scopes, body: response.body)
    }
}

/// A GitHub API base URL or token Berth refuses to use.
public struct GitHubClientError: Error, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
