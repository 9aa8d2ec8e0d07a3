import Foundation

/// Turns an HTTP error response of any Berth service protocol into an `AWSError`.
public enum AWSErrorDecoder {
    /// Decodes `response`; `now` is the local time the response arrived, for the clock offset.
    public static func decode(_ response: HTTPResponse, service: AWSService, operation: String, now: Date) -> AWSError {
        var code: String?
        var message: String?
        var requestID = response.headers["x-amzn-RequestId"] ?? response.headers["x-amz-request-id"]

        if let header = response.headers["x-amzn-ErrorType"] {
            code = cleanCode(header)
        }
        let body = response.body
        if let first = body.first(where: { !$0.isWhitespace }), first == UInt8(ascii: "<") {
            if let root = XMLNode.parse(body) {
                // Query protocol: ErrorResponse/Error; EC2: Response/Errors/Error.
                let error = root.name == "Error" ? root : root.descendant("Error")
                code = error?.string("Code").flatMap(cleanCode) ?? code
                message = error?.string("Message") ?? message
                requestID = root.string("RequestId") ?? root.string("RequestID") ?? requestID
            }
        } else if let first = body.first(where: { !$0.isWhitespace }), first == UInt8(ascii: "{"),
                  let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] {
            if code == nil {
                code = (object["__type"] as? String ?? object["code"] as? String ?? object["Code"] as? String).flatMap(cleanCode)
            }
            message = object["message"] as? String ?? object["Message"] as? String ?? object["errorMessage"] as? String
        }

        if code == nil && message == nil && !body.isEmpty {
            message = "unexpected response body: " + snippet(body)
        } else if code == nil && message == nil && response.status >= 500 {
            // A gateway or load balancer in front of the service often sends no body at all.
            message = "empty response body (HTTP \(response.status))"
        }
        let finalCode = code ?? fallbackCode(status: response.status)
        var error = AWSError(kind: kind(code: finalCode, message: message ?? "", status: response.status),
                             code: finalCode, message: message ?? "", status: response.status,
                             requestID: requestID, service: service.serviceID, operation: operation)
        if error.kind == .accessDenied {
            (error.deniedAction, error.deniedResource) = parseDenial(error.message)
        }
        if error.kind == .clock, let date = response.headers["Date"].flatMap(parseHTTPDate) {
            error.clockOffset = date.timeIntervalSince(now)
        }
        return error
    }

    /// Codes of throttling errors, as the SDKs' standard retry mode lists them.
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    /// Codes of transient errors that the standard retry mode repeats.
    public static let transientCodes: Set<String> = ["RequestTimeout", "InternalError", "RequestTimeoutException"]

    static func kind(code: String, message: String, status: Int) -> AWSError.Kind {
        let lowered = message.lowercased()
        if lowered.contains("signature expired") || lowered.contains("signature not yet current") {
            return .clock
        }
        switch code {
        case "ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired":
            return .expiredCredentials
        case "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture":
            return .clock
        case "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch",
             "InvalidSignatureException", "AuthFailure", "InvalidAccessKeyId", "IncompleteSignature",
             "MissingAuthenticationToken", "MissingAuthenticationTokenException":
            return .invalidCredentials
        case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError",
             "UnauthorizedException", "KMSAccessDeniedException":
            return .accessDenied
        case "ClientException" where lowered.contains("not authorized"):
            return .accessDenied
        default:
            break
        }
        if throttlingCodes.contains(code) || status == 429 {
            return .throttled
        }
        if code.hasSuffix("NotFound") || code.hasSuffix("NotFoundException") || code.hasSuffix(".NotFound")
            || code.hasPrefix("NoSuch") || code.hasSuffix(".Malformed") && lowered.contains("does not exist") || status == 404 {
            return .notFound
        }
        if transientCodes.contains(code) || status >= 500 {
            return .serviceFailure
        }
        if status == 403 {
            return .accessDenied
        }
        return .invalidInput
    }

    /// `User: … is not authorized to perform: iam:GetRole on resource: role X because …`.
    static func parseDenial(_ message: String) -> (String?, String?) {
        var action: String?
        var resource: String?
        if let range = message.range(of: "to perform: ") {
            let rest = message[range.upperBound...]
            action = rest.split(whereSeparator: { $0 == " " || $0 == "," }).first.map(String.init)
        }
        if let range = message.range(of: "on resource: ") {
            var rest = String(message[range.upperBound...])
            for terminator in [" because ", " with an explicit deny", ". "] {
                if let end = rest.range(of: terminator) {
                    rest = String(rest[..<end.lowerBound])
                }
            }
            resource = rest.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
        }
        return (action, resource)
    }

    /// Strips a namespace (`aws.protocoltests#Code` or `prefix#Code`) and a `:url` suffix (`Code:http://…`).
    static func cleanCode(_ raw: String) -> String? {
        var code = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if let colon = code.firstIndex(of: ":") {
            code = String(code[..<colon])
        }
        if let hash = code.lastIndex(of: "#") {
            code = String(code[code.index(after: hash)...])
        }
        return code.isEmpty ? nil : code
    }

    /// Returns the start of a body that is neither AWS XML nor JSON (a proxy's HTML page, say), on one line.
    static func snippet(_ body: Data) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self)
            .components(separatedBy: .newlines).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        return body.count > 200 ? text + "…" : text
    }

    static func fallbackCode(status: Int) -> String {
        switch status {
        case 400: return "BadRequest"
        case 403: return "Forbidden"
        case 404: return "NotFound"
        case 429: return "TooManyRequests"
        case 500: return "InternalServerError"
        case 502: return "BadGateway"
        case 503: return "ServiceUnavailable"
        case 504: return "GatewayTimeout"
        default: return "HTTP\(status)"
        }
    }

    /// Parses an RFC 7231 date such as `Tue, 15 Nov 1994 08:12:31 GMT`.
    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}

private extension UInt8 {
    var isWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}
