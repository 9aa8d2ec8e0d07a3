import Foundation

/// The SDK "standard" retry mode: a maximum number of attempts, full-jitter exponential back-off
/// capped at 20 seconds, and a shared retry quota so a failing service is not hammered.
public final class RetryPolicy: @unchecked Sendable {
    /// The maximum attempts per call, the first included (`AWS_MAX_ATTEMPTS` / `max_attempts`, default 3).
    public let maxAttempts: Int
    /// The maximum single back-off, in seconds.
    public let maxBackoff: TimeInterval = 20
    /// The retry quota's capacity.
    public let quotaCapacity = 500

    private let lock = NSLock()
    private var quota: Int

    public init(maxAttempts: Int = 3) {
        self.maxAttempts = max(1, maxAttempts)
        self.quota = quotaCapacity
    }

    /// The reason a retry may be made; `retryReason` returns nil when the failure must be reported at once.
    public enum Reason: Sendable, Equatable {
        case throttling
        case transient
        case timeout
    }

    /// Classifies a failed attempt; `isIdempotent` false forbids retrying when the server may have acted.
    public func retryReason(for failure: AttemptFailure, isIdempotent: Bool) -> Reason? {
        switch failure {
        case .transport(let error):
            switch error.kind {
            case .connectFailed: return .transient
            case .timedOut, .connectionLost: return isIdempotent ? .timeout : nil
            case .other: return nil
            }
        case .response(let error, let status):
            if AWSErrorDecoder.throttlingCodes.contains(error.code) || status == 429 {
                return .throttling
            }
            if status == 503 || status == 502 {
                return .transient
            }
            guard isIdempotent else { return nil }
            if AWSErrorDecoder.transientCodes.contains(error.code) || [500, 504, 408].contains(status) {
                return .transient
            }
            return nil
        }
    }

    /// Returns the wait before retry number `retry` (0 for the first retry): `random · min(2^retry, 20)` seconds,
    /// or the server's hint (`x-amz-retry-after` in ms, `Retry-After` in s), capped at 20 seconds.
    public func delay(retry: Int, hint: TimeInterval?, random: Double) -> TimeInterval {
        if let hint {
            return min(max(0, hint), maxBackoff)
        }
        let ceiling = min(pow(2, Double(min(retry, 10))), maxBackoff)
        return random * ceiling
    }

    /// Takes retry cost from the quota; false when the quota is exhausted and the call must stop.
    public func acquire(_ reason: Reason) -> Bool {
        let cost = reason == .timeout ? 10 : 5
        lock.lock()
        defer { lock.unlock() }
        guard quota >= cost else { return false }
        quota -= cost
        return true
    }

    /// Returns cost to the quota after a success: the last retry's cost, or 1 when no retry was needed.
    public func release(after reason: Reason?) {
        let refund = reason.map { $0 == .timeout ? 10 : 5 } ?? 1
        lock.lock()
        quota = min(quotaCapacity, quota + refund)
        lock.unlock()
    }

    /// The quota left, for tests and diagnostics.
    public var remainingQuota: Int {
        lock.lock()
        defer { lock.unlock() }
        return quota
    }

    /// Returns the back-off hint of a response, in seconds.
    public static func hint(from headers: HTTPHeaders) -> TimeInterval? {
        if let milliseconds = headers["x-amz-retry-after"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) {
            return milliseconds / 1000
        }
        if let seconds = headers["Retry-After"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) {
            return seconds
        }
        return nil
    }
}

/// One failed attempt, as input to the retry policy.
public enum AttemptFailure: Sendable {
    case transport(TransportError)
    case response(AWSError, status: Int)
}
