import BerthAWS
import Foundation
import Testing

/// Every non-S3 case of the official SigV4 test suite, read from `SigV4TestSuite/` next to this file.
@Suite struct SigV4TestSuiteTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("SigV4TestSuite")

    static let cases = [
        "get-header-key-duplicate", "get-header-value-multiline", "get-header-value-order", "get-header-value-trim",
        "get-unreserved", "get-utf8", "get-vanilla", "get-vanilla-empty-query-key", "get-vanilla-query",
        "get-vanilla-query-order-encoded", "get-vanilla-query-order-key", "get-vanilla-query-order-key-case",
        "get-vanilla-query-order-value", "get-vanilla-query-unreserved", "get-vanilla-utf8-query",
        "get-vanilla-with-session-token", "post-header-key-case", "post-header-key-sort", "post-header-value-case",
        "post-vanilla", "post-vanilla-empty-query-value", "post-vanilla-query", "post-x-www-form-urlencoded",
        "post-x-www-form-urlencoded-parameters",
        "normalize-path/get-relative", "normalize-path/get-relative-relative", "normalize-path/get-slash",
        "normalize-path/get-slash-dot-slash", "normalize-path/get-slash-pointless-dot", "normalize-path/get-slashes",
        "normalize-path/get-space", "normalize-path/get-special-character",
        "post-sts-token/post-sts-header-after", "post-sts-token/post-sts-header-before",
    ]

    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    @Test("suite case signs as published", arguments: cases)
    func suiteCase(_ name: String) throws {
        let base = Self.folder.appendingPathComponent(name).appendingPathComponent((name as NSString).lastPathComponent)
        let raw = try String(contentsOf: base.appendingPathExtension("req"), encoding: .utf8)
        let expectedCanonical = try String(contentsOf: base.appendingPathExtension("creq"), encoding: .utf8)
        let expectedStringToSign = try String(contentsOf: base.appendingPathExtension("sts"), encoding: .utf8)
        let expectedAuthorization = try String(contentsOf: base.appendingPathExtension("authz"), encoding: .utf8)

        var request = try #require(SuiteRequest.parse(raw))
        var sessionToken: String?
        var options = SigV4Signer.Options()
        if name == "get-vanilla-with-session-token" {
            sessionToken = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"
        }
        if name.hasPrefix("post-sts-token/") {
            // The token is part of the credentials; "after" adds it once the signature is made.
            sessionToken = request.headers["X-Amz-Security-Token"] ?? SuiteRequest.stsToken
            request.headers.remove("X-Amz-Security-Token")
            options.addsSecurityTokenAfterSigning = name.hasSuffix("after")
        }
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                         sessionToken: sessionToken)
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "service", options: options)
        let (signed, steps) = signer.signWithSteps(request, date: Self.date)

        #expect(steps.canonicalRequest == expectedCanonical)
        #expect(steps.stringToSign == expectedStringToSign)
        #expect(steps.authorization == expectedAuthorization)
        #expect(signed.headers["Authorization"] == expectedAuthorization)
        if let sessionToken {
            #expect(signed.headers["X-Amz-Security-Token"] == sessionToken)
        }
    }

    @Test func suiteFolderHasLicenceAndNotice() throws {
        let notice = try String(contentsOf: Self.folder.appendingPathComponent("NOTICE"), encoding: .utf8)
        #expect(notice.contains("AWS Signature Version 4 Test Suite"))
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent("LICENSE").path))
    }
}

/// Reads a `.req` file: request line, headers (indented lines continue the previous value), blank line, body.
enum SuiteRequest {
    static let stsToken = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="

    static func parse(_ text: String) -> HTTPRequest? {
        let parts = text.components(separatedBy: "\n\n")
        var lines = parts[0].components(separatedBy: "\n")
        guard !lines.isEmpty else { return nil }
        let requestLine = lines.removeFirst()
        guard let firstSpace = requestLine.firstIndex(of: " "), let lastSpace = requestLine.range(of: " HTTP/", options: .backwards) else {
            return nil
        }
        let method = String(requestLine[..<firstSpace])
        let target = String(requestLine[requestLine.index(after: firstSpace)..<lastSpace.lowerBound])
        let pathAndQuery = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query: [QueryParameter] = []
        if pathAndQuery.count == 2 {
            for pair in pathAndQuery[1].split(separator: "&") {
                let nameAndValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                query.append(QueryParameter(URIEncoding.decode(String(nameAndValue[0])),
                                            nameAndValue.count == 2 ? URIEncoding.decode(String(nameAndValue[1])) : ""))
            }
        }

        var fields: [(String, String)] = []
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t", !fields.isEmpty {
                fields[fields.count - 1].1 += "\n" + line
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { return nil }
            fields.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        let body = parts.count > 1 ? parts.dropFirst().joined(separator: "\n\n") : ""
        return HTTPRequest(method: method, host: "example.amazonaws.com", path: String(pathAndQuery[0]), query: query,
                           headers: HTTPHeaders(fields), body: Data(body.utf8))
    }
}
