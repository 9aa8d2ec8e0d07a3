import BerthAWS
import BerthTestSupport
import Foundation
import Testing

/// CurlTransport's proxy, CA bundle and timeout settings, on loopback only.
@Suite struct CurlTransportTests {
    /// Returns a port on 127.0.0.1 where nothing listens, by binding a proxy and stopping it.
    func closedPort() throws -> UInt16 {
        let proxy = try FaultProxy(upstream: nil, faults: [])
        let port = proxy.port
        proxy.stop()
        return port
    }

    @Test func httpProxyFromInjectedEnvironment() throws {
        let proxy = try FaultProxy(upstream: nil, faults: [], then: .respond(status: 200, headers: [], body: "via proxy"))
        let target = try closedPort()
        let transport = CurlTransport(environment: ["http_proxy": proxy.url.absoluteString])
        let response = try transport.send(HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:\(target)/probe")!))

        #expect(response.status == 200)
        #expect(response.bodyText == "via proxy")
        #expect(proxy.requestCount == 1)
    }

    @Test func noProxySkipsTheProxy() throws {
        let proxy = try FaultProxy(upstream: nil, faults: [], then: .respond(status: 200, headers: [], body: "via proxy"))
        let target = try closedPort()
        let transport = CurlTransport(environment: ["http_proxy": proxy.url.absoluteString, "NO_PROXY": "127.0.0.1"])
        #expect {
            try transport.send(HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:\(target)/probe")!))
        } throws: { error in
            (error as? TransportError)?.kind == .connectFailed
        }
        #expect(proxy.requestCount == 0)
    }

    @Test func processProxyVariablesAreIgnored() throws {
        // The transport reads only the environment it is given, never the process's.
        let target = try closedPort()
        #expect {
            try CurlTransport(environment: [:]).send(HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:\(target)/")!))
        } throws: { error in
            (error as? TransportError)?.kind == .connectFailed
        }
    }

    @Test func unreadableCABundleIsReported() throws {
        let transport = CurlTransport(environment: ["AWS_CA_BUNDLE": "/nonexistent/ca.pem"])
        #expect {
            try transport.send(HTTPRequest(method: "GET", url: URL(string: "https://127.0.0.1:1/")!))
        } throws: { error in
            (error as? TransportError)?.detail.contains("AWS_CA_BUNDLE") == true
        }
    }

    @Test func totalTimeoutStopsAStalledResponse() throws {
        let proxy = try FaultProxy(upstream: nil, faults: [.stall(5)])
        let started = Date()
        #expect {
            try CurlTransport(connectTimeout: 1, totalTimeout: 1, environment: [:]).send(HTTPRequest(method: "GET", url: proxy.url))
        } throws: { error in
            (error as? TransportError)?.kind == .timedOut
        }
        #expect(Date().timeIntervalSince(started) < 4)
    }
}
