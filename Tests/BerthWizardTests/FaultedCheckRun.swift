import BerthAWS
import BerthTestSupport
import BerthWizard
import Foundation

/// Runs checks as `berth check` does (CheckRunner, BerthAWSServices, the fixture's settings) with
/// every AWS call sent through a fault proxy, a virtual clock and sleeper for the retry layer, and
/// a count of the attempts that timed out.
final class FaultedCheckRun: @unchecked Sendable {
    /// The request timeout of the transport, in seconds. It is real time, because libcurl enforces it.
    let requestTimeout: TimeInterval
    let clock: VirtualClock
    let transport: CountingTransport
    let context: CheckContext

    /// Builds the context. `earlier` replaces the results of checks not run, so one check can run alone.
    init(fixture: WizardFixture, proxy: FaultProxy, requestTimeout: TimeInterval,
         earlier: [String: CheckResult] = [:]) throws {
        self.requestTimeout = requestTimeout
        clock = VirtualClock()
        transport = CountingTransport(CurlTransport(connectTimeout: requestTimeout, totalTimeout: requestTimeout,
                                                    environment: [:]))
        let clock = clock
        // Jitter fixed at its maximum, so each back-off is its ceiling: 1 s, then 2 s.
        let runtime = AWSRuntime(transport: transport, now: { clock.now() }, sleep: { clock.sleep($0) },
                                 random: { 1 })

        var variables = fixture.environment
        variables["AWS_ENDPOINT_URL"] = proxy.url.absoluteString
        variables["AWS_CONFIG_FILE"] = "/dev/null"
        variables["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        let resolved = try AWSSettings.resolve(profile: nil, region: "us-west-2",
                                               environment: AWSEnvironment(variables: variables, homeDirectory: fixture.home.path),
                                               runtime: runtime)
        let configuration = fixture.configuration()
        context = CheckContext(settings: configuration.settings, account: .ready(BerthAWSServices(resolved: resolved)),
                               engineProbe: configuration.engineProbe, files: configuration.files, earlier: earlier)
    }

    /// Runs `checks` and returns their results, or nil when they have not all finished after
    /// `deadline` real seconds (a hang).
    func run(_ checks: [Check], deadline: TimeInterval) -> [String: CheckResult]? {
        let done = DispatchSemaphore(value: 0)
        let box = Results()
        CheckRunner().start(checks, context: context) { results in
            box.results = results
            done.signal()
        }
        guard done.wait(timeout: .now() + deadline) == .success else { return nil }
        return box.results
    }

    /// The time the checks spent: virtual back-off plus the request timeout of each timed-out attempt.
    var spentSeconds: TimeInterval {
        clock.slept + Double(transport.timedOut) * requestTimeout
    }

    private final class Results: @unchecked Sendable {
        var results: [String: CheckResult] = [:]
    }

    /// A clock that only moves when the retry layer sleeps, so back-off takes no real time.
    final class VirtualClock: @unchecked Sendable {
        private let start = Date()
        private let lock = NSLock()
        private var total: TimeInterval = 0
        private var delays: [TimeInterval] = []

        func now() -> Date {
            lock.lock()
            defer { lock.unlock() }
            return start.addingTimeInterval(total)
        }

        func sleep(_ seconds: TimeInterval) {
            lock.lock()
            total += seconds
            delays.append(seconds)
            lock.unlock()
        }

        /// Seconds slept in all, across every thread.
        var slept: TimeInterval {
            lock.lock()
            defer { lock.unlock() }
            return total
        }

        /// Every back-off, in the order it was taken.
        var sleeps: [TimeInterval] {
            lock.lock()
            defer { lock.unlock() }
            return delays
        }
    }

    /// Passes requests on and counts attempts and timed-out attempts.
    final class CountingTransport: HTTPTransport, @unchecked Sendable {
        private let next: any HTTPTransport
        private let lock = NSLock()
        private var attemptCount = 0
        private var timeoutCount = 0

        init(_ next: any HTTPTransport) {
            self.next = next
        }

        func send(_ request: HTTPRequest) throws -> HTTPResponse {
            lock.lock()
            attemptCount += 1
            lock.unlock()
            do {
                return try next.send(request)
            } catch let error as TransportError {
                if error.kind == .timedOut {
                    lock.lock()
                    timeoutCount += 1
                    lock.unlock()
                }
                throw error
            }
        }

        var attempts: Int {
            lock.lock()
            defer { lock.unlock() }
            return attemptCount
        }

        var timedOut: Int {
            lock.lock()
            defer { lock.unlock() }
            return timeoutCount
        }
    }
}
