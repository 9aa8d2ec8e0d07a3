import Foundation

/// AWS Signature Version 4 for headers, as a pure function of the request, credentials, date,
/// region and service. Specification: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
public struct SigV4Signer: Sendable {
    /// Choices that differ between services and between the official test suite and real calls.
    public struct Options: Sendable {
        /// Adds `x-amz-content-sha256` with the payload hash before signing (S3 needs it, others accept it).
        public var addsContentSHA256Header: Bool
        /// Adds `x-amz-security-token` after signing instead of signing it.
        public var addsSecurityTokenAfterSigning: Bool
        /// Whether the path is normalised and encoded a second time; false only for S3.
        public var isS3: Bool

        public init(addsContentSHA256Header: Bool = false, addsSecurityTokenAfterSigning: Bool = false, isS3: Bool = false) {
            self.addsContentSHA256Header = addsContentSHA256Header
            self.addsSecurityTokenAfterSigning = addsSecurityTokenAfterSigning
            self.isS3 = isS3
        }
    }

    /// The intermediate texts of one signature, kept for tests and diagnostics.
    public struct Steps: Sendable, Equatable {
        public var canonicalRequest: String
        public var stringToSign: String
        public var signedHeaders: String
        public var signature: String
        public var authorization: String
    }

    public var credentials: AWSCredentials
    public var region: String
    public var service: String
    public var options: Options

    /// Creates a signer for one credential scope.
    public init(credentials: AWSCredentials, region: String, service: String, options: Options = Options()) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options
    }

    /// Returns `request` with `x-amz-date`, `host`, the session token and `Authorization` set for `date`.
    public func sign(_ request: HTTPRequest, date: Date) -> HTTPRequest {
        signWithSteps(request, date: date).request
    }

    /// Signs `request` and also returns the canonical request, string to sign and signature.
    public func signWithSteps(_ request: HTTPRequest, date: Date) -> (request: HTTPRequest, steps: Steps) {
        let amzDate = Self.amzDate(date)
        let day = String(amzDate.prefix(8))
        let payloadHash = Crypto.hex(Crypto.sha256(request.body))

        var signed = request
        signed.headers.remove("authorization")
        signed.headers.set("X-Amz-Date", amzDate)
        if signed.headers["host"] == nil {
            signed.headers.add("Host", request.hostHeader)
        }
        if options.addsContentSHA256Header {
            signed.headers.set("X-Amz-Content-Sha256", payloadHash)
        }
        if let token = credentials.sessionToken, !options.addsSecurityTokenAfterSigning {
            signed.headers.set("X-Amz-Security-Token", token)
        }

        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(signed.headers)
        let canonicalRequest = [
            request.method.uppercased(),
            canonicalPath(request.path),
            Self.canonicalQuery(request.query),
            canonicalHeaders,
            "",
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")

        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256",
            amzDate,
            scope,
            Crypto.hex(Crypto.sha256(Data(canonicalRequest.utf8))),
        ].joined(separator: "\n")

        let signature = Crypto.hex(Crypto.hmacSHA256(key: signingKey(day: day), message: Array(stringToSign.utf8)))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        signed.headers.add("Authorization", authorization)
        if let token = credentials.sessionToken, options.addsSecurityTokenAfterSigning {
            signed.headers.set("X-Amz-Security-Token", token)
        }

        let steps = Steps(canonicalRequest: canonicalRequest, stringToSign: stringToSign,
                          signedHeaders: signedHeaders, signature: signature, authorization: authorization)
        return (signed, steps)
    }

    /// Derives the signing key with an HMAC chain over date, region, service and `aws4_request`.
    func signingKey(day: String) -> [UInt8] {
        let dateKey = Crypto.hmacSHA256(key: Array("AWS4\(credentials.secretAccessKey)".utf8), message: Array(day.utf8))
        let regionKey = Crypto.hmacSHA256(key: dateKey, message: Array(region.utf8))
        let serviceKey = Crypto.hmacSHA256(key: regionKey, message: Array(service.utf8))
        return Crypto.hmacSHA256(key: serviceKey, message: Array("aws4_request".utf8))
    }

    /// Returns the wire path, normalised (except for S3) and encoded again, keeping `/`.
    func canonicalPath(_ path: String) -> String {
        if options.isS3 {
            return URIEncoding.encode(URIEncoding.decode(path), keepSlash: true)
        }
        return URIEncoding.encode(Self.normalize(path), keepSlash: true)
    }

    /// Removes empty, `.` and `..` segments, keeping a trailing slash.
    static func normalize(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        var result = "/" + segments.joined(separator: "/")
        if path.hasSuffix("/") && !segments.isEmpty {
            result += "/"
        }
        return result
    }

    /// Parameters encoded and sorted by name, then value.
    static func canonicalQuery(_ query: [QueryParameter]) -> String {
        let encoded: [(name: String, value: String)] = query.map {
            (name: URIEncoding.encode($0.name), value: URIEncoding.encode($0.value))
        }
        let sorted = encoded.sorted { left, right in
            left.name == right.name ? left.value < right.value : left.name < right.name
        }
        return sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    /// Lower-cased names sorted, repeated values joined with commas, whitespace runs collapsed.
    static func canonicalHeaders(_ headers: HTTPHeaders) -> (lines: String, names: String) {
        let excluded: Set<String> = ["authorization", "content-length", "expect", "user-agent"]
        var merged: [String: [String]] = [:]
        for field in headers {
            let name = field.name.lowercased()
            guard !excluded.contains(name) else { continue }
            merged[name, default: []].append(collapseWhitespace(field.value))
        }
        let names = merged.keys.sorted()
        let lines = names.map { "\($0):\(merged[$0]!.joined(separator: ","))" }.joined(separator: "\n")
        return (lines, names.joined(separator: ";"))
    }

    private static func collapseWhitespace(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .joined(separator: " ")
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public static func amzDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.year!, parts.month!, parts.day!,
                      parts.hour!, parts.minute!, parts.second!)
    }
}
