import Foundation

/// The outcome of one `ChildProcess.run` call.
public struct ChildProcessResult: Sendable, CustomStringConvertible {
    /// The command line that ran, for messages.
    public let commandLine: String
    public let exitStatus: Int32
    public let standardOutput: String
    public let standardError: String
    /// True when the timeout passed and the process was killed.
    public let timedOut: Bool

    public var succeeded: Bool { exitStatus == 0 && !timedOut }

    public var description: String {
        let ending = timedOut ? "timed out" : "exited with status \(exitStatus)"
        return "`\(commandLine)` \(ending)\n--- stdout ---\n\(standardOutput)\n--- stderr ---\n\(standardError)"
    }

    /// Throws with both output streams unless the process exited with status 0 in time.
    @discardableResult
    public func requireSuccess() throws -> ChildProcessResult {
        guard succeeded else { throw RigError(description) }
        return self
    }
}

/// Runs a command to completion with both pipes drained, an optional stdin text and a timeout.
public enum ChildProcess {
    /// Runs `executable` (a path, or a name looked up on `PATH`) and returns its exit status and output.
    ///
    /// `environment` is added to this process's environment, or replaces it when
    /// `inheritEnvironment` is false. After `timeout` seconds the process gets SIGTERM, then
    /// SIGKILL two seconds later, and the result has `timedOut` set.
    public static func run(
        _ executable: String,
        _ arguments: [String] = [],
        environment: [String: String] = [:],
        inheritEnvironment: Bool = true,
        directory: URL? = nil,
        input: String? = nil,
        timeout: TimeInterval = 120
    ) throws -> ChildProcessResult {
        var variables = inheritEnvironment ? ProcessInfo.processInfo.environment : [:]
        variables.merge(environment) { _, new in new }
        let path = try resolve(executable, searchPath: variables["PATH"])

        let process = Process()
        process.executableURL = URL(fileURLWithPath: perl)
        process.arguments = ["-e", clearSignalMask, path] + arguments
        process.environment = variables
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let errors = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()

        let outputData = DrainedPipe(output.fileHandleForReading)
        let errorData = DrainedPipe(errors.fileHandleForReading)
        if let input {
            DispatchQueue.global().async {
                try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
                try? stdin.fileHandleForWriting.close()
            }
        }

        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        process.waitUntilExit()

        return ChildProcessResult(
            commandLine: ([executable] + arguments).joined(separator: " "),
            exitStatus: process.terminationStatus,
            standardOutput: outputData.text(),
            standardError: errorData.text(),
            timedOut: timedOut
        )
    }

    /// Perl, part of every Debian system, runs each command through `clearSignalMask`.
    static let perl = "/usr/bin/perl"

    /// Clears the signal mask, then executes the command in its arguments.
    ///
    /// `Process` passes on the signal mask of the thread that starts it, and the threads of
    /// the test runner block SIGINT and SIGTERM, so without this a child never receives them
    /// (Go programs such as Terraform unblock only a few signals themselves).
    static let clearSignalMask = """
        use POSIX (); POSIX::sigprocmask(POSIX::SIG_SETMASK(), POSIX::SigSet->new) or die "sigprocmask: $!";
        exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!";
        """

    /// Returns `name` when it contains a slash, else its first match on `searchPath`.
    public static func resolve(_ name: String, searchPath: String?) throws -> String {
        if name.contains("/") { return name }
        let folders = (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for folder in folders {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw RigError("the command \(name) was not found on PATH (\(searchPath ?? "unset")); install it or run scripts/rig/setup")
    }
}

/// Reads a pipe to its end on a background thread so the child never blocks on a full pipe.
private final class DrainedPipe: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    /// Waits until every writer closed the pipe and returns its text. A grandchild that keeps
    /// the pipe open after the child exited gets five seconds, then a marker is returned.
    func text() -> String {
        guard done.wait(timeout: .now() + 5) == .success else {
            return "(output unavailable: a process still holds the pipe open)"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
