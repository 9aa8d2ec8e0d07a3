import BerthAWS
import BerthTestSupport
import Foundation

/// One moto emulator shared by the integration suites, and a client set resolved against it the
/// way a user's environment would be (AWS_ENDPOINT_URL, keys and region in the environment).
final class EmulatorFixture: @unchecked Sendable {
    static let shared = Result { try EmulatorFixture() }

    let emulator: Emulator
    let home: AWSTestHome
    let resolved: ResolvedAWS
    let client: AWSClient

    private init() throws {
        emulator = try Emulator()
        home = try AWSTestHome()
        resolved = try AWSSettings.resolve(profile: nil, region: nil,
                                           environment: home.environment(emulator.environment),
                                           runtime: AWSRuntime(transport: CurlTransport(environment: [:])))
        client = AWSClient(resolved: resolved)
    }

    /// Returns the shared fixture, or throws so the test fails when the rig or emulator is missing.
    static func get() throws -> EmulatorFixture {
        try shared.get()
    }

    /// Creates a client on the same settings that records its requests, to count pages.
    func recordingClient() -> (AWSClient, AWSRecordingTransport) {
        let transport = AWSRecordingTransport(CurlTransport(environment: [:]))
        var runtime = resolved.runtime
        runtime.transport = transport
        let client = AWSClient(region: resolved.region, endpoints: resolved.endpoints, credentials: resolved.credentialCache,
                               runtime: runtime)
        return (client, transport)
    }

    /// Returns a fresh name so tests sharing the emulator never collide.
    static func unique(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Runs `count` calls on several threads and rethrows the first failure.
    static func concurrently(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
        let lock = NSLock()
        var failure: Error?
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            var index = worker
            while index < count {
                do {
                    try body(index)
                } catch {
                    lock.lock()
                    failure = failure ?? error
                    lock.unlock()
                    return
                }
                index += 8
            }
        }
        if let failure { throw failure }
    }
}
