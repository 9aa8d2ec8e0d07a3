import CCurl
import Foundation

/// Sends requests with libcurl, with a connect timeout and a total timeout on every request.
/// `AWS_CA_BUNDLE` selects the CA file; `HTTPS_PROXY`/`https_proxy`, `http_proxy` and
/// `NO_PROXY`/`no_proxy` are read from the injected environment (not the process's) and set explicitly.
public final class CurlTransport: HTTPTransport, @unchecked Sendable {
    /// Seconds allowed to establish the connection.
    public let connectTimeout: TimeInterval
    /// Seconds allowed for the whole request, connection included.
    public let totalTimeout: TimeInterval
    private let variables: [String: String]

    /// The reason libcurl could not be loaded, or nil once it is ready; loaded on first use.
    private static let loadFailure: String? = {
        berth_curl_load().map { String(cString: $0) }
    }()

    /// Creates a transport reading proxy and CA settings from `environment`.
    public init(connectTimeout: TimeInterval = 5, totalTimeout: TimeInterval = 30,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.variables = environment
    }

    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
        if let failure = Self.loadFailure {
            throw TransportError(kind: .other, url: request.displayURL,
                                 detail: "libcurl could not be loaded (\(failure)); install it with `apt-get install libcurl4`")
        }
        guard let handle = berth_curl_easy_init() else {
            throw TransportError(kind: .other, url: request.displayURL, detail: "libcurl could not create a handle")
        }
        defer { berth_curl_easy_cleanup(handle) }

        let sink = ResponseSink()
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { berth_curl_slist_free_all(headerList) }
        for field in request.headers where field.name.lowercased() != "host" || field.value != request.hostHeader {
            headerList = berth_curl_slist_append(headerList, "\(field.name): \(field.value)")
        }
        headerList = berth_curl_slist_append(headerList, "Expect:")

        try check(berth_curl_setopt_string(handle, CURLOPT_URL, request.urlString), request)
        try check(berth_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"), request)
        try check(berth_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1), request)
        try check(berth_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0), request)
        try check(berth_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000)), request)
        try check(berth_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(totalTimeout * 1000)), request)
        try check(berth_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList), request)
        try check(berth_curl_setopt_write_function(handle, { data, size, count, context in
            guard let data, let context else { return 0 }
            Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue().body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count)
            return size * count
        }), request)
        try check(berth_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer), request)
        try check(berth_curl_setopt_header_function(handle, { data, size, count, context in
            guard let data, let context else { return 0 }
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
            Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue().addHeaderLine(line)
            return size * count
        }), request)
        try check(berth_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, sinkPointer), request)
        try configureProxyAndCA(handle, request)

        let code: CURLcode = try request.body.withUnsafeBytes { buffer in
            if request.method == "GET" && buffer.isEmpty {
                try check(berth_curl_setopt_long(handle, CURLOPT_HTTPGET, 1), request)
            } else {
                try check(berth_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method), request)
                try check(berth_curl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(buffer.count)), request)
                let base = buffer.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) }
                    ?? UnsafeMutableRawPointer(mutating: ("" as StaticString).utf8Start)
                try check(berth_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, base), request)
            }
            return berth_curl_easy_perform(handle)
        }

        guard code == CURLE_OK else {
            var sent = 0
            _ = berth_curl_getinfo_long(handle, CURLINFO_REQUEST_SIZE, &sent)
            throw Self.error(code, requestSent: sent > 0, request: request)
        }
        var status = 0
        _ = berth_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }

    private func configureProxyAndCA(_ handle: UnsafeMutableRawPointer, _ request: HTTPRequest) throws {
        let proxy: String?
        if request.scheme == "https" {
            proxy = value("HTTPS_PROXY") ?? value("https_proxy")
        } else {
            // libcurl ignores upper-case HTTP_PROXY (a CGI environment can set it from a request header); so does Berth.
            proxy = value("http_proxy")
        }
        try check(berth_curl_setopt_string(handle, CURLOPT_PROXY, proxy ?? ""), request)
        if let noProxy = value("NO_PROXY") ?? value("no_proxy") {
            try check(berth_curl_setopt_string(handle, CURLOPT_NOPROXY, noProxy), request)
        }
        if let bundle = value("AWS_CA_BUNDLE") {
            guard FileManager.default.isReadableFile(atPath: bundle) else {
                throw TransportError(kind: .other, url: request.displayURL,
                                     detail: "AWS_CA_BUNDLE names \(bundle), which is not a readable file")
            }
            try check(berth_curl_setopt_string(handle, CURLOPT_CAINFO, bundle), request)
        }
    }

    private func value(_ name: String) -> String? {
        guard let value = variables[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    private func check(_ code: CURLcode, _ request: HTTPRequest) throws {
        guard code == CURLE_OK else {
            throw TransportError(kind: .other, url: request.displayURL,
                                 detail: "libcurl rejected an option: \(String(cString: berth_curl_easy_strerror(code)))")
        }
    }

    static func error(_ code: CURLcode, requestSent: Bool, request: HTTPRequest) -> TransportError {
        let detail = String(cString: berth_curl_easy_strerror(code))
        let kind: TransportError.Kind
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT,
             CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE:
            kind = .connectFailed
        case CURLE_OPERATION_TIMEDOUT:
            kind = requestSent ? .timedOut : .connectFailed
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE:
            kind = requestSent ? .connectionLost : .connectFailed
        default:
            kind = .other
        }
        return TransportError(kind: kind, url: request.displayURL, detail: "\(detail) (curl code \(code.rawValue))")
    }
}

/// Collects the body and the headers of the final response (earlier 1xx or redirect headers are dropped).
private final class ResponseSink {
    var body = Data()
    var headers = HTTPHeaders()

    func addHeaderLine(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            headers = HTTPHeaders()
            return
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return }
        headers.add(String(trimmed[..<colon]).trimmingCharacters(in: .whitespaces),
                    String(trimmed[trimmed.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
    }
}

extension HTTPRequest {
    /// The URL without the query, for messages (a query may carry tokens).
    var displayURL: String { "\(scheme)://\(hostHeader)\(path)" }
}
