import CNcurses
import Foundation
import Glibc

/// Puts the terminal back on every way out: SIGINT, SIGTERM and SIGHUP, a
/// crash signal (a Swift trap is SIGILL or SIGTRAP), and `exit()`.
///
/// Termination signals are not handled inside the signal handler. The
/// handler writes the signal number to a pipe, and a watcher thread calls
/// `onTermination`, where the app stops Terraform gracefully and waits. The
/// watcher then ends curses, restores the saved termios and re-raises the
/// signal with its default action, so the wait status names the signal.
/// `afterRestore` then runs on the normal screen (the app prints its summary
/// there). While a stop is under way, `isStopping` is true, and the app's
/// other ways out wait for it (`parkIfStopping`), so no thread ends the
/// process before Terraform has stopped.
/// A second termination signal, or a crash signal, restores the terminal
/// with async-signal-safe calls only (`write`, `tcsetattr`) and re-raises at
/// once. A crash signal goes on to the handler that was installed before
/// (the Swift runtime's backtracer, when enabled), else to the default action.
public final class TerminalGuard: @unchecked Sendable {
    /// The manual fix to print when the terminal is left in a bad state.
    public static let manualRestoreHint = "If your terminal stays garbled or does not echo, type: stty sane; tput rmcup"

    /// The one guard of the process; signal dispositions are process-wide.
    public static let shared = TerminalGuard()

    /// Called on the watcher thread when SIGINT, SIGTERM or SIGHUP arrives,
    /// before the terminal is restored. It may block (stop Terraform and
    /// wait for it); the signal number is passed in.
    public var onTermination: ((Int32) -> Void)? {
        get { lock.lock(); defer { lock.unlock() }; return terminationHandler }
        set { lock.lock(); terminationHandler = newValue; lock.unlock() }
    }

    /// Called on the watcher thread after the terminal is restored and before the
    /// process ends, to print the final summary on the normal screen.
    public var afterRestore: ((Int32) -> Void)? {
        get { lock.lock(); defer { lock.unlock() }; return restoredHandler }
        set { lock.lock(); restoredHandler = newValue; lock.unlock() }
    }

    /// True once a termination signal is being handled, by this guard or by a line mode's own handler.
    public var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    private let lock = NSLock()
    private var terminationHandler: ((Int32) -> Void)?
    private var restoredHandler: ((Int32) -> Void)?
    private var stopping = false
    private var installed = false
    private var cursesActive = false

    private init() {}

    /// Saves the terminal settings of `fileDescriptor` so they can be restored on exit;
    /// the reset sequence goes to `outputDescriptor`.
    public func saveTerminalState(fileDescriptor: Int32, outputDescriptor: Int32 = 1) {
        let state = GuardState.shared
        state.outputDescriptor.pointee = outputDescriptor
        if tcgetattr(fileDescriptor, state.savedTermios) == 0 {
            state.ttyDescriptor.pointee = fileDescriptor
            state.hasSavedTermios.pointee = 1
        }
    }

    /// Installs the signal handlers, the watcher thread and the `atexit` hook; later calls do nothing.
    public func install() {
        lock.lock()
        defer { lock.unlock() }
        guard !installed else { return }
        installed = true

        let state = GuardState.shared
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        state.signalPipe.pointee = fds[1]
        let readDescriptor = fds[0]

        let watcher = Thread { [weak self] in
            self?.watchSignals(readDescriptor: readDescriptor)
        }
        watcher.name = "berth.terminal-guard"
        watcher.start()

        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            Self.setHandler(signalNumber) { number in
                GuardState.shared.onTerminationSignal(number)
            }
        }
        for signalNumber in [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE] {
            sigaction(signalNumber, nil, state.previousActions + Int(signalNumber))
            Self.setHandler(signalNumber) { number in
                GuardState.shared.onCrashSignal(number)
            }
        }

        atexit {
            TerminalGuard.shared.restore()
        }
    }

    /// Marks a stop as under way; returns false when one already is.
    @discardableResult
    public func beginStopping() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !stopping else { return false }
        stopping = true
        return true
    }

    /// Blocks the calling thread for good when a stop is under way, so that only
    /// the thread handling the signal ends the process, after Terraform has stopped.
    public func parkIfStopping() {
        guard isStopping else { return }
        while true {
            sleep(60)
        }
    }

    /// Ends curses (when it runs), shows the cursor, leaves the alternate screen and restores termios.
    /// Safe to call more than once and from any thread except a signal handler.
    public func restore() {
        lock.lock()
        let wasActive = cursesActive
        cursesActive = false
        lock.unlock()

        if wasActive {
            endwin()
        }
        GuardState.shared.restoreAsyncSignalSafe()
        GuardState.shared.cursesActive.pointee = 0
    }

    func cursesStarted() {
        lock.lock()
        cursesActive = true
        GuardState.shared.cursesActive.pointee = 1
        lock.unlock()
    }

    func cursesStopped() {
        lock.lock()
        cursesActive = false
        GuardState.shared.cursesActive.pointee = 0
        lock.unlock()
        GuardState.shared.restoreTermiosOnly()
    }

    private func watchSignals(readDescriptor: Int32) {
        var number: Int32 = 0
        while true {
            let count = read(readDescriptor, &number, MemoryLayout<Int32>.size)
            if count == MemoryLayout<Int32>.size {
                break
            }
            if count < 0 && errno == EINTR {
                continue
            }
            return
        }

        beginStopping()
        onTermination?(number)
        restore()
        afterRestore?(number)
        fflush(stdout)
        fflush(stderr)
        Self.reraise(number)
    }

    /// Ends the process with `number` under its default action. The signal is
    /// sent to the process, not this thread, because threads started by
    /// Dispatch block most signals. If every thread blocks it, `_exit` ends the process.
    private static func reraise(_ number: Int32) -> Never {
        signal(number, SIG_DFL)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, number)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        kill(getpid(), number)
        usleep(200_000)
        _exit(128 + number)
    }

    private static func setHandler(_ signalNumber: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signalNumber, &action, nil)
    }
}

/// State the signal handlers read, kept in raw memory allocated up front so
/// the handlers touch no Swift runtime machinery (no lazy globals, no locks).
final class GuardState: @unchecked Sendable {
    static let shared = GuardState()

    let savedTermios = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    let hasSavedTermios = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    let ttyDescriptor = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    let outputDescriptor = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    let signalPipe = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    let cursesActive = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    let terminationCount = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    /// The crash handlers installed before the guard's, indexed by signal number.
    let previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    /// Show the cursor, leave the alternate screen, turn mouse reporting off, reset attributes.
    let resetSequence: UnsafeMutablePointer<UInt8>
    let resetSequenceLength: Int

    private init() {
        hasSavedTermios.pointee = 0
        ttyDescriptor.pointee = 0
        outputDescriptor.pointee = 1
        signalPipe.pointee = -1
        cursesActive.pointee = 0
        terminationCount.pointee = 0
        previousActions.initialize(repeating: sigaction(), count: 65)

        let bytes = Array("\u{1B}[0m\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[?25h\u{1B}[?1049l".utf8)
        resetSequence = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        resetSequence.initialize(from: bytes, count: bytes.count)
        resetSequenceLength = bytes.count
    }

    /// Runs in a signal handler: the first termination signal goes to the watcher thread, a second one ends the process now.
    func onTerminationSignal(_ number: Int32) {
        terminationCount.pointee += 1
        if terminationCount.pointee == 1 && signalPipe.pointee >= 0 {
            var value = number
            _ = write(signalPipe.pointee, &value, MemoryLayout<Int32>.size)
            return
        }

        restoreAsyncSignalSafe()
        signal(number, SIG_DFL)
        raise(number)
    }

    /// Runs in a signal handler for a crash: restores the terminal, puts the
    /// previous handler back and lets the signal reach it.
    func onCrashSignal(_ number: Int32) {
        restoreAsyncSignalSafe()
        sigaction(number, previousActions + Int(number), nil)

        // A fault (SIGILL, SIGSEGV, SIGBUS, SIGFPE) happens again when the handler
        // returns. SIGTRAP and SIGABRT do not, so they are raised again; the
        // signal stays blocked until this handler returns.
        if number == SIGTRAP || number == SIGABRT {
            raise(number)
        }
    }

    /// Restores the terminal with async-signal-safe calls only, when curses is running.
    func restoreAsyncSignalSafe() {
        guard cursesActive.pointee == 1 else { return }
        _ = write(outputDescriptor.pointee, resetSequence, resetSequenceLength)
        restoreTermiosOnly()
    }

    func restoreTermiosOnly() {
        if hasSavedTermios.pointee == 1 {
            _ = tcsetattr(ttyDescriptor.pointee, TCSADRAIN, savedTermios)
        }
    }
}
