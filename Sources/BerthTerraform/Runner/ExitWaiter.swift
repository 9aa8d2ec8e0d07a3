import Foundation

/// Waits for a child's exit on its own thread, so pipes can be read while it runs.
final class ExitWaiter: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var code: Int32 = 0

    init(_ process: ChildProcess) {
        Thread.detachNewThread { [self] in
            code = process.waitForExit()
            done.signal()
        }
    }

    /// Blocks until the child has exited and returns its exit code.
    func wait() -> Int32 {
        done.wait()
        done.signal()
        return code
    }
}
