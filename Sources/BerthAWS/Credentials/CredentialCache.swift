import Foundation

/// Holds credentials and fetches new ones shortly before they expire; safe to share between threads.
public final class CredentialCache: @unchecked Sendable {
    /// How long before expiry the credentials are refreshed, in seconds.
    public let refreshMargin: TimeInterval
    private let fetch: @Sendable () throws -> AWSCredentials
    private let lock = NSLock()
    private var cached: AWSCredentials?

    /// Creates a cache that calls `fetch` when empty or within `refreshMargin` of expiry.
    public init(initial: AWSCredentials? = nil, refreshMargin: TimeInterval = 300,
                fetch: @escaping @Sendable () throws -> AWSCredentials) {
        self.cached = initial
        self.refreshMargin = refreshMargin
        self.fetch = fetch
    }

    /// A cache that always returns `credentials`.
    public static func fixed(_ credentials: AWSCredentials) -> CredentialCache {
        CredentialCache(initial: credentials) { credentials }
    }

    /// The source of the cached credentials, read without fetching any.
    public var cachedSource: String? {
        lock.lock()
        defer { lock.unlock() }
        return cached?.source
    }

    /// Valid credentials at `now`, fetching new ones when needed.
    public func credentials(now: Date) throws -> AWSCredentials {
        lock.lock()
        defer { lock.unlock() }
        if let cached, !needsRefresh(cached, now: now) {
            return cached
        }
        let fresh = try fetch()
        cached = fresh
        return fresh
    }

    private func needsRefresh(_ credentials: AWSCredentials, now: Date) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        return expiration.timeIntervalSince(now) < refreshMargin
    }
}
