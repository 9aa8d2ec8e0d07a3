import BerthAWS
import BerthTestSupport
import Foundation
import Testing

/// Retries of `AWSClient` with a scripted transport, a recorded sleeper and fixed randomness.
@Suite struct AWSClientRetryTests {
    final class SleepLog: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [TimeInterval] = []
        func record(_ value: TimeInterval) { lock.lock(); values.append(value); lock.unlock() }
        var sleeps: [TimeInterval] { lock.lock(); defer { lock.unlock() }; return values }
    }

    final class LineLog: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String] = []
        func record(_ value: String) { lock.lock(); values.append(value); lock.unlock() }
        var lines: [String] { lock.lock(); defer { lock.unlock() }; return values }
    }

    static let environment = AWSEnvironment(variables: ["AWS_ENDPOINT_URL": "http://127.0.0.1:1"], homeDirectory: "/nonexistent")

    func client(_ transport: AWSScriptedTransport, log: SleepLog, maxAttempts: Int = 3, random: Double = 1) -> AWSClient {
        let endpoints = EndpointResolver(region: "us-west-2", environment: Self.environment,
                                         shared: AWSSharedConfig(config: AWSConfigFile(kind: .config, path: "config"),
                                                                 credentials: AWSConfigFile(kind: .credentials, path: "credentials")),
                                         profile: nil)
        let runtime = AWSRuntime(transport: transport, now: { Date(timeIntervalSince1970: 1_796_385_600) },
                                 sleep: { log.record($0) }, random: { random })
        return AWSClient(region: "us-west-2", endpoints: endpoints,
                         credentials: .fixed(AWSCredentials(accessKeyID: "AKIA", secretAccessKey: "s", source: "test keys")),
                         runtime: runtime, retryPolicy: RetryPolicy(maxAttempts: maxAttempts), profileName: "dev")
    }

    static let identity = HTTPResponse(status: 200, body: Data("""
    <GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/u</Arn>
    <UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>
    """.utf8))

    static func throttled(headers: [(String, String)] = []) -> HTTPResponse {
        HTTPResponse(status: 400, headers: HTTPHeaders(headers), body: Data("""
        <ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>
        """.utf8))
    }

    @Test func throttlingRetriesThenSucceeds() throws {
        let transport = AWSScriptedTransport(responses: [.success(Self.throttled()), .success(Self.throttled()), .success(Self.identity)])
        let log = SleepLog()
        let identity = try STSClient(client: client(transport, log: log)).getCallerIdentity()

        #expect(identity.account == "123456789012")
        #expect(transport.requests.count == 3)
        #expect(log.sleeps == [1, 2])
    }

    @Test func retriesAreLoggedWithoutSecrets() throws {
        let lines = LineLog()
        let transport = AWSScriptedTransport(responses: [.success(Self.throttled()), .success(Self.identity)])
        var base = client(transport, log: SleepLog())
        var runtime = base.runtime
        runtime.log = { lines.record($0) }
        base = AWSClient(region: base.region, endpoints: base.endpoints,
                         credentials: .fixed(AWSCredentials(accessKeyID: "AKIA", secretAccessKey: "SECRETVALUE", sessionToken: "TOKENVALUE")),
                         runtime: runtime)
        _ = try STSClient(client: base).getCallerIdentity()

        #expect(lines.lines == ["STS GetCallerIdentity attempt 1 failed (Throttling, HTTP 400, request id r); retrying in 1.00 s"])
        #expect(!lines.lines.joined().contains("SECRETVALUE"))
    }

    @Test func throttlingGivesUpAfterMaxAttempts() {
        let transport = AWSScriptedTransport(responses: [.success(Self.throttled())])
        let log = SleepLog()
        #expect {
            try STSClient(client: client(transport, log: log, maxAttempts: 6)).getCallerIdentity()
        } throws: { error in
            let aws = error as? AWSError
            return aws?.kind == .throttled && aws?.attempts == 6
        }
        #expect(transport.requests.count == 6)
        #expect(log.sleeps == [1, 2, 4, 8, 16])
        #expect(log.sleeps.reduce(0, +) <= 5 * 20)
    }

    @Test func backoffIsCappedAtTwentySeconds() {
        let policy = RetryPolicy(maxAttempts: 10)

        #expect(policy.delay(retry: 0, hint: nil, random: 0.5) == 0.5)
        #expect(policy.delay(retry: 4, hint: nil, random: 1) == 16)
        #expect(policy.delay(retry: 5, hint: nil, random: 1) == 20)
        #expect(policy.delay(retry: 60, hint: nil, random: 1) == 20)
        #expect(policy.delay(retry: 0, hint: 90, random: 0) == 20)
    }

    @Test func retryAfterHeadersReplaceBackoff() throws {
        let transport = AWSScriptedTransport(responses: [
            .success(Self.throttled(headers: [("x-amz-retry-after", "1500")])),
            .success(HTTPResponse(status: 503, headers: HTTPHeaders([("Retry-After", "3")]))),
            .success(Self.identity),
        ])
        let log = SleepLog()
        _ = try STSClient(client: client(transport, log: log, random: 0)).getCallerIdentity()

        #expect(log.sleeps == [1.5, 3])
    }

    @Test func serverErrorsAndConnectFailuresRetry() throws {
        let transport = AWSScriptedTransport(responses: [
            .success(HTTPResponse(status: 500, body: Data("<ErrorResponse><Error><Code>InternalError</Code></Error></ErrorResponse>".utf8))),
            .failure(TransportError(kind: .connectFailed, url: "http://127.0.0.1:1/", detail: "Connection refused")),
            .success(Self.identity),
        ])
        let log = SleepLog()
        _ = try STSClient(client: client(transport, log: log)).getCallerIdentity()

        #expect(transport.requests.count == 3)
    }

    @Test func nonIdempotentCallIsNotRepeatedAfterTimeout() {
        let transport = AWSScriptedTransport(responses: [
            .failure(TransportError(kind: .timedOut, url: "http://127.0.0.1:1/", detail: "Operation timed out")),
        ])
        let log = SleepLog()
        #expect {
            try IAMClient(client: client(transport, log: log)).createServiceLinkedRole(awsServiceName: "codestar-notifications.amazonaws.com")
        } throws: { error in
            let aws = error as? AWSError
            return aws?.kind == .network && aws?.message.contains("not retried") == true
        }
        #expect(transport.requests.count == 1)
        #expect(log.sleeps.isEmpty)
    }

    @Test func idempotentCallIsRepeatedAfterTimeout() throws {
        let transport = AWSScriptedTransport(responses: [
            .failure(TransportError(kind: .connectionLost, url: "http://127.0.0.1:1/", detail: "Connection reset")),
            .success(Self.identity),
        ])
        _ = try STSClient(client: client(transport, log: SleepLog())).getCallerIdentity()

        #expect(transport.requests.count == 2)
    }

    @Test func clientErrorsAreNotRetried() {
        let transport = AWSScriptedTransport(responses: [.success(HTTPResponse(status: 400, body: Data("""
        <ErrorResponse><Error><Code>ValidationError</Code><Message>bad</Message></Error></ErrorResponse>
        """.utf8)))])
        #expect(throws: AWSError.self) {
            try STSClient(client: client(transport, log: SleepLog())).getCallerIdentity()
        }
        #expect(transport.requests.count == 1)
    }

    @Test func retryQuotaRunsOut() {
        let policy = RetryPolicy()
        var granted = 0
        while policy.acquire(.throttling) { granted += 1 }

        #expect(granted == 100)
        #expect(policy.remainingQuota == 0)
        policy.release(after: .throttling)
        #expect(policy.remainingQuota == 5)
    }

    @Test func eachAttemptIsSignedAgain() throws {
        let transport = AWSScriptedTransport(responses: [.success(Self.throttled()), .success(Self.identity)])
        _ = try STSClient(client: client(transport, log: SleepLog())).getCallerIdentity()
        let requests = transport.requests

        #expect(requests.count == 2)
        #expect(requests.allSatisfy { $0.headers.values(for: "Authorization").count == 1 })
        #expect(requests[0].host == "127.0.0.1")
        #expect(requests[0].port == 1)
    }
}
