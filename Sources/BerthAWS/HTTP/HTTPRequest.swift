import Foundation

/// One HTTP request as Berth sends it: the path is in its wire form (already percent-encoded),
/// the query is a list of decoded name and value pairs.
public struct HTTPRequest: Sendable, Equatable {
    /// The method, such as `GET` or `POST`.
    public var method: String
    /// `http` or `https`.
    public var scheme: String
    /// The host name without the port.
    public var host: String
    /// The port when it is not the default for the scheme.
    public var port: Int?
    /// The path as sent on the wire, starting with `/`.
    public var path: String
    /// Decoded query parameters in order; names may repeat.
    public var query: [QueryParameter]
    /// The header fields.
    public var headers: HTTPHeaders
    /// The body; empty when there is none.
    public var body: Data
    /// Whether sending the request twice has the same effect as sending it once.
    public var isIdempotent: Bool

    /// Creates a request.
    public init(method: String, scheme: String = "https", host: String, port: Int? = nil, path: String = "/",
                query: [QueryParameter] = [], headers: HTTPHeaders = HTTPHeaders(), body: Data = Data(),
                isIdempotent: Bool = true) {
        self.method = method
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.isIdempotent = isIdempotent
    }

    /// Creates a request for `url`, splitting it into host, port, path and decoded query.
    public init(method: String, url: URL, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data(),
                isIdempotent: Bool = true) {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let path = components?.percentEncodedPath ?? ""
        self.init(method: method, scheme: url.scheme ?? "https", host: url.host ?? "", port: url.port,
                  path: path.isEmpty ? "/" : path,
                  query: (components?.queryItems ?? []).map { QueryParameter($0.name, $0.value ?? "") },
                  headers: headers, body: body, isIdempotent: isIdempotent)
    }

    /// The `Host` header value: the host, and the port when it is not the scheme's default.
    public var hostHeader: String {
        guard let port, !(scheme == "https" && port == 443), !(scheme == "http" && port == 80) else {
            return host
        }
        return "\(host):\(port)"
    }

    /// The full URL as sent, with the query encoded the way SigV4 canonicalises it.
    public var urlString: String {
        var text = "\(scheme)://\(hostHeader)\(path)"
        if !query.isEmpty {
            text += "?" + query.map { "\(URIEncoding.encode($0.name))=\(URIEncoding.encode($0.value))" }
                .joined(separator: "&")
        }
        return text
    }
}

extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible {
    /// Method, URL without the query, header names and body size; never header values or the body,
    /// because they carry signatures, session tokens and secret values.
    public var description: String {
        let names = headers.fields.map(\.name).joined(separator: ", ")
        return "HTTPRequest(\(method) \(scheme)://\(hostHeader)\(path), headers: [\(names)], body: \(body.count) bytes)"
    }

    public var debugDescription: String { description }
}

/// One decoded query parameter.
public struct QueryParameter: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
