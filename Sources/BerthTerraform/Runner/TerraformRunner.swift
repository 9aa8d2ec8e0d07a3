#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs Terraform (or OpenTofu) as the leader of its own process group, so a Ctrl-C on
/// Berth's terminal never reaches it directly, and Berth decides when it gets one SIGINT.
///
/// stdin is `/dev/null`, so the engine can never wait on a hidden prompt. stdout is decoded
/// line by line on the calling thread while stderr is drained on another thread.
///
/// The environment given to `run` is the child's whole environment. Callers must not put
/// secrets in it (no `AWS_SECRET_ACCESS_KEY`, no session token, no GitHub token): pass
/// `AWS_PROFILE` and `AWS_REGION` and let the engine read the credentials files itself.
public final class TerraformRunner: @unchecked Sendable {
    /// The engine's executable.
    public let executable: String
    /// Seconds between SIGTERM and SIGKILL in `terminate()`.
    public let hardStopGrace: TimeInterval

    private let decoder: RunEventDecoder
    private let registry: RunnerRegistry
    private let lock = NSLock()
    private var child: ChildProcess?
    private var interruptSent = false

    /// Creates a runner for `engine`.
    public convenience init(engine: Engine, decoder: RunEventDecoder = RunEventDecoder(), hardStopGrace: TimeInterval = 10, registry: RunnerRegistry = .shared) {
        self.init(executable: engine.path, decoder: decoder, hardStopGrace: hardStopGrace, registry: registry)
    }

    /// Creates a runner for the engine at `executable`.
    public init(executable: String, decoder: RunEventDecoder = RunEventDecoder(), hardStopGrace: TimeInterval = 10, registry: RunnerRegistry = .shared) {
        self.executable = executable
        self.decoder = decoder
        self.hardStopGrace = hardStopGrace
        self.registry = registry
    }

    deinit {
        child?.signalGroup(SIGKILL)
    }

    /// Runs the engine with `arguments` in `folder` and blocks until it exits, handing each
    /// event to `onEvent` on the calling thread. Returns the exit code (128 + signal number
    /// when a signal ended it).
    ///
    /// `-input=false` and `-no-color` are added where the subcommand takes them, and
    /// `TF_IN_AUTOMATION=1` and `TF_INPUT=0` are added to `environment`. When `record` is
    /// given, the raw stdout bytes are written there as they arrive. When the engine exits
    /// with a non-zero code, its stderr text arrives last, as one error diagnostic.
    public func run(
        _ arguments: [String],
        in folder: URL,
        environment: [String: String],
        record: URL? = nil,
        onEvent: (RunEvent) -> Void
    ) throws -> Int32 {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw RunnerError.folderMissing(folder.path)
        }
        let recorder = try record.map(StreamRecorder.init)

        let process = try start(arguments, in: folder, environment: environment)
        defer { finish(process) }

        let waiter = ExitWaiter(process)
        let stderrText = StderrCollector()
        let stderrDone = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            PipeDrain.read(process.stderr, exitedAt: { process.exitDate }) { stderrText.append($0) }
            stderrDone.signal()
        }

        var splitter = LineSplitter()
        let decoder = self.decoder
        func deliver(_ piece: LineSplitter.Piece) {
            switch piece {
            case let .line(bytes):
                if let event = decoder.decode(bytes) { onEvent(event) }
            case let .overlong(count):
                onEvent(decoder.overlongLine(byteCount: count))
            }
        }
        PipeDrain.read(process.stdout, exitedAt: { process.exitDate }) { chunk in
            recorder?.write(chunk)
            splitter.append(chunk, emit: deliver)
        }
        splitter.finish(emit: deliver)
        recorder?.close()

        let code = waiter.wait()
        stderrDone.wait()
        for event in stderrText.events(exitCode: code, decoder: decoder) {
            onEvent(event)
        }
        return code
    }

    /// Sends one SIGINT to the engine's process group, which requests that Terraform stop safely:
    /// in-flight resources finish and state is saved. Later calls during the same run send
    /// nothing and return false, because a second SIGINT makes Terraform exit at once.
    @discardableResult
    public func interrupt() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let child, !interruptSent else { return false }
        interruptSent = true
        return child.signalGroup(SIGINT)
    }

    /// True when `interrupt()` sent its SIGINT during the current or last run.
    public var wasInterrupted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return interruptSent
    }

    /// Stops the engine hard: SIGTERM to its process group (Terraform counts it as a second
    /// interrupt and exits without waiting, which can lose state), then SIGKILL after
    /// `hardStopGrace` seconds if it is still running.
    public func terminate() {
        lock.lock()
        let running = child
        lock.unlock()
        guard let running, running.signalGroup(SIGTERM) else { return }

        DispatchQueue.global().asyncAfter(deadline: .now() + hardStopGrace) {
            running.signalGroup(SIGKILL)
        }
    }

    /// True while an engine started by this runner has not exited.
    public var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return child.map { !$0.hasExited } ?? false
    }

    private func start(_ arguments: [String], in folder: URL, environment: [String: String]) throws -> ChildProcess {
        lock.lock()
        defer { lock.unlock() }
        guard child == nil else { throw RunnerError.alreadyRunning }

        let process = try ChildProcess(
            executable: executable,
            arguments: EngineArguments.prepare(arguments),
            environment: EngineArguments.environment(environment),
            directory: folder
        )
        child = process
        interruptSent = false
        registry.add(self)
        return process
    }

    /// Makes sure nothing of the run is left: if the engine still runs (the caller's thread
    /// unwound early), its group is killed and reaped.
    private func finish(_ process: ChildProcess) {
        if !process.hasExited {
            process.signalGroup(SIGKILL)
        }
        lock.lock()
        child = nil
        lock.unlock()
        registry.remove(self)
    }
}
