import BerthAWS
import BerthTestSupport
import Foundation
import Testing

/// Retries and error reports over real sockets: a fault proxy on loopback in front of the emulator.
@Suite struct FaultProxyTests {
    final class SleepLog: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [TimeInterval] = []
        func record(_ value: TimeInterval) { lock.lock(); values.append(value); lock.unlock() }
        var sleeps: [TimeInterval] { lock.lock(); defer { lock.unlock() }; return values }
    }

    static let throttled = FaultProxy.Fault.respond(status: 400, headers: [("Content-Type", "text/xml")], body: """
    <ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>req-t</RequestId></ErrorResponse>
    """)

    /// Creates a client whose endpoint is the proxy, with a recorded sleeper and a short total timeout.
    func client(through proxy: FaultProxy, log: SleepLog, totalTimeout: TimeInterval = 10) throws -> AWSClient {
        let fixture = try EmulatorFixture.get()
        let home = try AWSTestHome()
        var variables = fixture.emulator.environment
        variables["AWS_ENDPOINT_URL"] = proxy.url.absoluteString
        let environment = home.environment(variables)
        let runtime = AWSRuntime(transport: CurlTransport(connectTimeout: 2, totalTimeout: totalTimeout, environment: [:]),
                                 sleep: { log.record($0) }, random: { 1 })
        return AWSClient(resolved: try AWSSettings.resolve(profile: nil, region: nil, environment: environment, runtime: runtime))
    }

    @Test func throttlingBurstThenSuccess() throws {
        let fixture = try EmulatorFixture.get()
        let proxy = try FaultProxy(upstream: fixture.emulator.url, faults: [Self.throttled, Self.throttled])
        let log = SleepLog()
        let identity = try STSClient(client: client(through: proxy, log: log)).getCallerIdentity()

        #expect(identity.account == "123456789012")
        #expect(proxy.requestCount == 3)
        #expect(log.sleeps == [1, 2])
    }

    @Test func serviceUnavailableThenSuccess() throws {
        let fixture = try EmulatorFixture.get()
        let proxy = try FaultProxy(upstream: fixture.emulator.url, faults: [
            .respond(status: 503, headers: [("Retry-After", "2")], body: ""),
            .respond(status: 500, headers: [], body: "<ErrorResponse><Error><Code>InternalError</Code></Error></ErrorResponse>"),
        ])
        let log = SleepLog()
        _ = try ECSClient(client: client(through: proxy, log: log)).listClusters()

        #expect(proxy.requestCount == 3)
        #expect(log.sleeps == [2, 2])
    }

    @Test func droppedConnectionIsRetriedForReads() throws {
        let fixture = try EmulatorFixture.get()
        let proxy = try FaultProxy(upstream: fixture.emulator.url, faults: [.dropConnection])
        _ = try STSClient(client: client(through: proxy, log: SleepLog())).getCallerIdentity()

        #expect(proxy.requestCount == 2)
    }

    @Test func droppedConnectionIsNotRetriedForCreate() throws {
        let fixture = try EmulatorFixture.get()
        let proxy = try FaultProxy(upstream: fixture.emulator.url, faults: [.dropConnection])
        #expect {
            try IAMClient(client: client(through: proxy, log: SleepLog()))
                .createServiceLinkedRole(awsServiceName: "elasticloadbalancing.amazonaws.com")
        } throws: { error in
            let aws = error as? AWSError
            return aws?.kind == .network && aws?.attempts == 1
        }
        #expect(proxy.requestCount == 1)
    }

    @Test func stalledResponseTimesOutThenRetries() throws {
        let fixture = try EmulatorFixture.get()
        _ = try STSClient(client: fixture.client).getCallerIdentity()  // moto loads STS on first use
        let proxy = try FaultProxy(upstream: fixture.emulator.url, faults: [.stall(60)])
        let started = Date()
        // The emulator answers one request at a time for every suite, so the retry gets a
        // timeout long enough to wait its turn on a loaded machine.
        _ = try STSClient(client: client(through: proxy, log: SleepLog(), totalTimeout: 5)).getCallerIdentity()

        #expect(proxy.requestCount >= 2)
        #expect(Date().timeIntervalSince(started) < 30, "the stalled first attempt should end at its 5 s timeout, long before the 60 s stall")
    }

    @Test func truncatedBodyIsRetried() throws {
        let fixture = try EmulatorFixture.get()
        let proxy = try FaultProxy(upstream: fixture.emulator.url, faults: [.truncatedBody])
        _ = try STSClient(client: client(through: proxy, log: SleepLog())).getCallerIdentity()

        #expect(proxy.requestCount == 2)
    }

    @Test func malformedErrorBodyIsReported() throws {
        let fixture = try EmulatorFixture.get()
        let proxy = try FaultProxy(upstream: fixture.emulator.url, faults: [],
                                   then: .respond(status: 502, headers: [("Content-Type", "text/html")], body: "<html><body>Bad gateway from corporate proxy</body></html>"))
        let log = SleepLog()
        #expect {
            try STSClient(client: client(through: proxy, log: log)).getCallerIdentity()
        } throws: { error in
            let aws = error as? AWSError
            return aws?.kind == .serviceFailure && aws?.status == 502 && aws?.attempts == 3
                && aws?.message.contains("Bad gateway from corporate proxy") == true
        }
        #expect(log.sleeps.count == 2)
    }

    @Test func expiredTokenStopsAtOnce() throws {
        let fixture = try EmulatorFixture.get()
        let proxy = try FaultProxy(upstream: fixture.emulator.url, faults: [], then: .respond(status: 403, headers: [], body: """
        <ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>req-exp</RequestId></ErrorResponse>
        """))
        let log = SleepLog()
        #expect {
            try STSClient(client: client(through: proxy, log: log)).getCallerIdentity()
        } throws: { error in
            let aws = error as? AWSError
            return aws?.kind == .expiredCredentials && aws?.requestID == "req-exp" && aws?.credentialSource == "environment variables"
        }
        #expect(proxy.requestCount == 1)
        #expect(log.sleeps.isEmpty)
    }

    @Test func quickProbeUsesOneAttempt() throws {
        let fixture = try EmulatorFixture.get()
        let proxy = try FaultProxy(upstream: fixture.emulator.url, faults: [.stall(6)])
        let log = SleepLog()
        let probe = try client(through: proxy, log: log)
            .configured(transport: CurlTransport(connectTimeout: 1, totalTimeout: 1, environment: [:]), maxAttempts: 1)
        #expect {
            try STSClient(client: probe).getCallerIdentity()
        } throws: { error in
            (error as? AWSError)?.kind == .network
        }
        #expect(proxy.requestCount == 1)
        #expect(log.sleeps.isEmpty)
    }
}
