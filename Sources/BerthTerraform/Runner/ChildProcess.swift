#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A child process started with `posix_spawn` as the leader of its own process group, with
/// stdin on `/dev/null` and stdout and stderr on two pipes that the caller must drain.
final class ChildProcess {
    let pid: pid_t
    /// Read ends of the child's stdout and stderr pipes.
    let stdout: Int32
    let stderr: Int32

    private let lock = NSLock()
    private var exited = false
    private var exitTime: Date?

    /// Starts `executable` with `arguments` (without argv[0]) and exactly `environment`.
    init(executable: String, arguments: [String], environment: [String: String], directory: URL) throws {
        let outPipe = try ChildProcess.makePipe()
        let errPipe: (read: Int32, write: Int32)
        do {
            errPipe = try ChildProcess.makePipe()
        } catch {
            close(outPipe.read)
            close(outPipe.write)
            throw error
        }
        defer {
            close(outPipe.write)
            close(errPipe.write)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe.write, 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe.write, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        posix_spawnattr_setflags(&attributes, Int16(flags))
        posix_spawnattr_setpgroup(&attributes, 0)

        // An empty mask, and default actions for the stop signals, so a parent that blocks or
        // ignores SIGINT (as a curses program may) does not pass that on to the engine.
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        guard let addChdir = ChildProcess.addChdir, addChdir(&actions, directory.path) == 0 else {
            close(outPipe.read)
            close(errPipe.read)
            throw RunnerError.spawnFailed(executable: executable, reason: "this C library cannot set a child's working directory (posix_spawn_file_actions_addchdir_np)")
        }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        var child: pid_t = 0
        var status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        // ETXTBSY: a process forked elsewhere while the executable was being written still
        // keeps it open for writing, and that copy of the descriptor goes away at its exec.
        var retries = 0
        while status == ETXTBSY && retries < 20 {
            retries += 1
            usleep(50_000)
            status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        }
        guard status == 0 else {
            close(outPipe.read)
            close(errPipe.read)
            throw RunnerError.spawnFailed(executable: executable, reason: String(cString: strerror(status)))
        }
        pid = child
        stdout = outPipe.read
        stderr = errPipe.read
    }

    deinit {
        close(stdout)
        close(stderr)
    }

    /// True once `waitForExit` has seen the child end; signals are no longer sent after that.
    var hasExited: Bool {
        lock.lock()
        defer { lock.unlock() }
        return exited
    }

    /// When `waitForExit` saw the child end.
    var exitDate: Date? {
        lock.lock()
        defer { lock.unlock() }
        return exitTime
    }

    /// Sends `signal` to the child's whole process group, unless the child has been reaped.
    @discardableResult
    func signalGroup(_ signal: Int32) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !exited else { return false }
        return kill(-pid, signal) == 0
    }

    /// Blocks until the child ends and returns its exit code (128 + signal when killed).
    func waitForExit() -> Int32 {
        // WNOWAIT first, so the pid stays reserved until `exited` is set under the lock and no
        // later signal can reach a process that reused the number.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}

        lock.lock()
        exited = true
        exitTime = Date()
        lock.unlock()

        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7f
        if signal == 0 {
            return (status >> 8) & 0xff
        }
        return 128 + signal
    }

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// POSIX has no working-directory action, but glibc 2.29+ and macOS 10.15+ export this
    /// one. The Swift C module does not declare it, so it is looked up by name.
    private static let addChdir: AddChdir? = {
        #if os(Linux)
        let defaultHandle: UnsafeMutableRawPointer? = nil
        #else
        let defaultHandle = UnsafeMutableRawPointer(bitPattern: -2)
        #endif
        guard let symbol = dlsym(defaultHandle, "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        // NOTE: another thread's spawn between pipe() and fcntl() can inherit these ends.
        // The readers stop at the child's exit plus a grace period, so that cannot hang a run.
        let status = pipe(&fds)
        if status == 0 {
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        }
        guard status == 0 else {
            throw RunnerError.spawnFailed(executable: "pipe", reason: String(cString: strerror(errno)))
        }
        return (fds[0], fds[1])
    }
}
