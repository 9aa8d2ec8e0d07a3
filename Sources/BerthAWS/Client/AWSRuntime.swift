import Foundation

/// The parts of the outside world the AWS code uses, injected so tests are exact and never wait.
public struct AWSRuntime: Sendable {
    /// Sends HTTP requests.
    public var transport: any HTTPTransport
    /// The current time.
    public var now: @Sendable () -> Date
    /// Blocks the calling thread for a number of seconds (retry back-off).
    public var sleep: @Sendable (TimeInterval) -> Void
    /// A uniformly random number in [0, 1) for back-off jitter.
    public var random: @Sendable () -> Double
    /// Runs `credential_process` commands.
    public var processRunner: any ProcessRunner
    /// Receives one line per retry and per failed call (operation, code, request id); never a secret.
    public var log: @Sendable (String) -> Void

    public init(transport: any HTTPTransport,
                now: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) },
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                processRunner: any ProcessRunner = SystemProcessRunner(),
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.transport = transport
        self.now = now
        self.sleep = sleep
        self.random = random
        self.processRunner = processRunner
        self.log = log
    }

    /// The real clock, sleeper and randomness with a libcurl transport.
    public static var live: AWSRuntime {
        AWSRuntime(transport: CurlTransport())
    }
}
