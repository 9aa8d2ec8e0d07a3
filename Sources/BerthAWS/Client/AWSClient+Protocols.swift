import Foundation

extension AWSClient {
    /// Calls a query-protocol (or EC2-protocol) action and returns the parsed XML root.
    public func query(_ service: AWSService, action: String, parameters: [(String, String)] = [],
                      isIdempotent: Bool = true, isSigned: Bool = true) throws -> XMLNode {
        let version: String
        switch service.wireProtocol {
        case .query(let value), .ec2(let value): version = value
        default: preconditionFailure("\(service.serviceID) does not use the query protocol")
        }
        var call = Call(service: service, operation: action)
        let fields = [("Action", action), ("Version", version)] + parameters
        call.body = Data(fields.map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }
            .joined(separator: "&").utf8)
        call.headers.set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        call.isIdempotent = isIdempotent
        call.isSigned = isSigned
        let response = try send(call)
        do {
            return try XMLNode.decode(response.body)
        } catch {
            throw malformed(service: service, operation: action, response: response, reason: error)
        }
    }

    /// Calls a JSON-protocol operation and returns the decoded object.
    public func json(_ service: AWSService, operation: String, body: [String: Any] = [:],
                     isIdempotent: Bool = true) throws -> [String: Any] {
        guard case .json(let version, let prefix) = service.wireProtocol else {
            preconditionFailure("\(service.serviceID) does not use the JSON protocol")
        }
        var call = Call(service: service, operation: operation)
        call.body = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        call.headers.set("Content-Type", "application/x-amz-json-\(version)")
        call.headers.set("X-Amz-Target", "\(prefix).\(operation)")
        call.isIdempotent = isIdempotent
        let response = try send(call)
        if response.body.isEmpty { return [:] }
        guard let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] else {
            throw malformed(service: service, operation: operation, response: response)
        }
        return object
    }

    func malformed(service: AWSService, operation: String, response: HTTPResponse, reason: Error? = nil) -> AWSError {
        AWSError(kind: .serviceFailure, code: "MalformedResponse",
                 message: "the response body (\(response.body.count) bytes) could not be parsed" + (reason.map { " (\($0))" } ?? ""),
                 status: response.status, requestID: response.headers["x-amzn-RequestId"],
                 service: service.serviceID, operation: operation)
    }
}
