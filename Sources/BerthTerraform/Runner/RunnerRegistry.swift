import Foundation

/// The runners that have an engine running, so that one place (a SIGTERM or SIGHUP handler)
/// can ask every engine to stop safely before Berth exits.
public final class RunnerRegistry: @unchecked Sendable {
    /// The registry runners join unless given another.
    public static let shared = RunnerRegistry()

    private final class WeakRunner {
        weak var runner: TerraformRunner?
        init(_ runner: TerraformRunner) { self.runner = runner }
    }

    private let lock = NSLock()
    private var entries: [ObjectIdentifier: WeakRunner] = [:]

    public init() {}

    func add(_ runner: TerraformRunner) {
        lock.lock()
        entries[ObjectIdentifier(runner)] = WeakRunner(runner)
        lock.unlock()
    }

    func remove(_ runner: TerraformRunner) {
        lock.lock()
        entries[ObjectIdentifier(runner)] = nil
        lock.unlock()
    }

    /// Sends each running engine its one SIGINT and returns how many were asked to stop.
    /// Call it from a normal thread (a dispatch signal source, say), not from inside a C
    /// signal handler, because it takes locks.
    @discardableResult
    public func interruptAll() -> Int {
        runners().filter { $0.interrupt() }.count
    }

    /// True while any registered runner has an engine running.
    public var anyRunning: Bool {
        runners().contains { $0.isRunning }
    }

    private func runners() -> [TerraformRunner] {
        lock.lock()
        defer { lock.unlock() }
        return entries.values.compactMap(\.runner)
    }
}
