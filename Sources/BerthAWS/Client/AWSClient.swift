import Foundation

/// Signs, sends and retries AWS calls and decodes their errors; one per `ResolvedAWS`, shared by the service clients.
public final class AWSClient: @unchecked Sendable {
    /// The region requests are made in.
    public let region: String
    /// The endpoint of each service.
    public let endpoints: EndpointResolver
    /// Transport, clock, sleeper and randomness.
    public let runtime: AWSRuntime
    /// The retry mode and its quota.
    public let retryPolicy: RetryPolicy
    /// The profile in use, for the commands in error fixes.
    public let profileName: String?
    private let credentials: CredentialCache?

    /// Creates a client; `credentials` nil sends requests unsigned.
    public init(region: String, endpoints: EndpointResolver, credentials: CredentialCache?, runtime: AWSRuntime,
                retryPolicy: RetryPolicy = RetryPolicy(), profileName: String? = nil) {
        self.region = region
        self.endpoints = endpoints
        self.credentials = credentials
        self.runtime = runtime
        self.retryPolicy = retryPolicy
        self.profileName = profileName
    }

    /// Creates the client for a resolved set-up, with its runtime and retry settings.
    public convenience init(resolved: ResolvedAWS) {
        self.init(region: resolved.region, endpoints: resolved.endpoints, credentials: resolved.credentialCache,
                  runtime: resolved.runtime, retryPolicy: RetryPolicy(maxAttempts: resolved.maxAttempts),
                  profileName: resolved.profileName)
    }

    /// Returns a client with the same credentials and settings for another region, for example to
    /// look for a secret outside the deploy region.
    public func inRegion(_ otherRegion: String) -> AWSClient {
        var otherEndpoints = endpoints
        otherEndpoints.region = otherRegion
        return AWSClient(region: otherRegion, endpoints: otherEndpoints, credentials: credentials, runtime: runtime,
                         retryPolicy: retryPolicy, profileName: profileName)
    }

    /// Returns a client with the same settings but another transport or attempt limit, for example
    /// a quick credentials probe with one attempt and a short timeout before `terraform apply`.
    public func configured(transport: (any HTTPTransport)? = nil, maxAttempts: Int? = nil) -> AWSClient {
        var otherRuntime = runtime
        if let transport { otherRuntime.transport = transport }
        let policy = maxAttempts.map { RetryPolicy(maxAttempts: $0) } ?? retryPolicy
        return AWSClient(region: region, endpoints: endpoints, credentials: credentials, runtime: otherRuntime,
                         retryPolicy: policy, profileName: profileName)
    }

    /// One call to prepare: where it goes relative to the service endpoint and what it carries.
    public struct Call {
        public var service: AWSService
        public var operation: String
        public var method: String = "POST"
        public var path: String = "/"
        public var query: [QueryParameter] = []
        public var headers = HTTPHeaders()
        public var body = Data()
        public var isIdempotent = true
        public var isSigned = true

        public init(service: AWSService, operation: String) {
            self.service = service
            self.operation = operation
        }
    }

    /// Sends `call` with signing and retries; returns a 2xx response or throws `AWSError` (or
    /// `AWSSetupError` when credentials cannot be obtained).
    public func send(_ call: Call) throws -> HTTPResponse {
        let endpoint = try endpoints.endpoint(for: call.service)
        var attempt = 0
        var lastReason: RetryPolicy.Reason?
        while true {
            attempt += 1
            let request = try prepare(call, endpoint: endpoint)
            let failure: AttemptFailure
            var hint: TimeInterval?
            do {
                let response = try runtime.transport.send(request)
                if (200..<300).contains(response.status) {
                    retryPolicy.release(after: lastReason)
                    return response
                }
                let error = AWSErrorDecoder.decode(response, service: call.service, operation: call.operation,
                                                   now: runtime.now())
                failure = .response(error, status: response.status)
                hint = RetryPolicy.hint(from: response.headers)
            } catch let error as TransportError {
                failure = .transport(error)
            }

            if let reason = retryPolicy.retryReason(for: failure, isIdempotent: call.isIdempotent),
               attempt < retryPolicy.maxAttempts, retryPolicy.acquire(reason) {
                lastReason = reason
                let delay = retryPolicy.delay(retry: attempt - 1, hint: hint, random: runtime.random())
                runtime.log("\(call.service.serviceID) \(call.operation) attempt \(attempt) failed (\(Self.summary(failure))); "
                            + "retrying in \(String(format: "%.2f", delay)) s")
                runtime.sleep(delay)
                continue
            }
            let error = finalError(failure, attempts: attempt, call: call)
            runtime.log("\(error.description) after \(attempt) attempt\(attempt == 1 ? "" : "s")")
            throw error
        }
    }

    private static func summary(_ failure: AttemptFailure) -> String {
        switch failure {
        case .transport(let error): return error.detail
        case .response(let error, let status): return "\(error.code), HTTP \(status), request id \(error.requestID ?? "none")"
        }
    }

    private func finalError(_ failure: AttemptFailure, attempts: Int, call: Call) -> AWSError {
        var error: AWSError
        switch failure {
        case .response(let decoded, _):
            error = decoded
        case .transport(let transportError):
            error = AWSError(kind: .network, code: "NetworkError", message: transportError.description, status: 0,
                             service: call.service.serviceID, operation: call.operation)
            if transportError.kind == .timedOut || transportError.kind == .connectionLost, !call.isIdempotent {
                error.message += " (not retried, because the call may already have taken effect)"
            }
        }
        error.attempts = attempts
        error.profileName = profileName
        error.credentialSource = credentials?.cachedSource
        return error
    }

    /// Builds and signs the HTTP request of one attempt, with fresh credentials and date.
    private func prepare(_ call: Call, endpoint: AWSEndpoint) throws -> HTTPRequest {
        let base = endpoint.url
        var basePath = URLComponents(url: base, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        if basePath.hasSuffix("/") { basePath.removeLast() }
        var request = HTTPRequest(method: call.method, scheme: base.scheme ?? "https", host: base.host ?? "",
                                  port: base.port, path: basePath + call.path, query: call.query,
                                  headers: call.headers, body: call.body, isIdempotent: call.isIdempotent)
        request.headers.set("User-Agent", "berth/1.0")
        guard call.isSigned, let credentials else { return request }

        let now = runtime.now()
        let signer = SigV4Signer(credentials: try credentials.credentials(now: now), region: endpoint.signingRegion,
                                 service: call.service.signingName)
        return signer.sign(request, date: now)
    }
}
