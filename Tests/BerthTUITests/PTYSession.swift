import Foundation
import Glibc

/// A child process running on the slave side of a pseudo-terminal, with the
/// master side read into a buffer. The child is this test bundle itself, run
/// with a filter that selects `PTYChildEntry` and a mode in its environment.
///
/// The child is started with `posix_spawn` in a session of its own, because
/// Foundation's `Process` makes it a process-group leader, which cannot call
/// `setsid`. Leading a session, it takes the pseudo-terminal as its controlling
/// terminal and receives SIGWINCH (and SIGINT for Ctrl-C in cbreak mode) as under a shell.
final class PTYSession: @unchecked Sendable {
    /// How the child ended.
    enum Termination: Equatable {
        case exited(Int32)
        case signaled(Int32)
    }

    let master: Int32
    let slave: Int32
    private(set) var pid: pid_t = 0
    private(set) var termination: Termination?
    private let lock = NSLock()
    private var buffer = Data()
    private var reading = true
    private var reader: Thread?

    init(mode: String, columns: UInt16 = 80, rows: UInt16 = 24, extraEnvironment: [String: String] = [:], standardInputIsNull: Bool = false, standardOutputIsNull: Bool = false) throws {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        var masterDescriptor: Int32 = -1
        var slaveDescriptor: Int32 = -1
        guard openpty(&masterDescriptor, &slaveDescriptor, nil, nil, &size) == 0 else {
            throw PTYError.openFailed(errno: errno)
        }
        master = masterDescriptor
        slave = slaveDescriptor
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)

        var environment = [
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": NSTemporaryDirectory(),
            "BERTH_TUI_PTY_CHILD": mode,
            // On a terminal the Swift backtracer waits for a key after a crash; the tests want it to exit.
            "SWIFT_BACKTRACE": "interactive=no",
        ]
        environment.merge(extraEnvironment) { $1 }

        let executable = try Self.testBundlePath()
        let arguments = [executable, "--testing-library", "swift-testing", "--filter", "PTYChildEntry"]
        let environmentLines = environment.map { "\($0.key)=\($0.value)" }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // POSIX_SPAWN_SETSID (glibc 2.26+); the Glibc module does not export the GNU constant.
        posix_spawnattr_setflags(&attributes, Int16(0x80))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if standardInputIsNull {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, slave, 0)
        }
        if standardOutputIsNull {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, slave, 1)
        }
        posix_spawn_file_actions_adddup2(&actions, slave, 2)
        posix_spawn_file_actions_addclose(&actions, master)

        let thread = Thread { [weak self] in
            self?.readLoop()
        }
        reader = thread
        thread.start()

        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environmentLines.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var childID: pid_t = 0
        let result = posix_spawn(&childID, executable, &actions, &attributes, &argv, &envp)
        guard result == 0 else {
            throw PTYError.spawnFailed(errno: result)
        }
        pid = childID
    }

    deinit {
        if termination == nil && pid > 0 {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        lock.lock()
        reading = false
        lock.unlock()
        close(master)
        close(slave)
    }

    /// Everything the child wrote so far, decoded as UTF-8.
    var output: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Writes bytes as if typed on the terminal.
    func type(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits until the output contains `text`; returns false after `timeout` seconds.
    func waitForOutput(_ text: String, timeout: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if output.contains(text) {
                return true
            }
            usleep(20_000)
        }
        return output.contains(text)
    }

    /// Waits for the child to end and records how; returns false after `timeout` seconds.
    func waitForExit(timeout: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while termination == nil && Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                // The wait status layout: low 7 bits are the signal, bits 8-15 the exit code.
                let signalNumber = status & 0x7F
                termination = signalNumber == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signalNumber)
                break
            }
            usleep(20_000)
        }
        // Lets the reader drain what the child wrote last.
        usleep(100_000)
        return termination != nil
    }

    /// Changes the terminal size; the kernel sends SIGWINCH to the child's foreground group.
    func resize(columns: UInt16, rows: UInt16) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Returns the terminal's current local-mode flags.
    func localFlags() -> tcflag_t {
        var settings = termios()
        tcgetattr(slave, &settings)
        return settings.c_lflag
    }

    private func readLoop() {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            lock.lock()
            let keepReading = reading
            lock.unlock()
            guard keepReading else { return }

            let count = read(master, &chunk, chunk.count)
            if count > 0 {
                lock.lock()
                buffer.append(contentsOf: chunk[0..<count])
                lock.unlock()
            } else {
                usleep(10_000)
            }
        }
    }

    private static func testBundlePath() throws -> String {
        var path = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        guard length > 0 else {
            throw PTYError.noTestBundle
        }
        return String(decoding: path[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

enum PTYError: Error {
    case openFailed(errno: Int32)
    case spawnFailed(errno: Int32)
    case noTestBundle
}
