import Foundation

/// A program running in a real terminal: a detached tmux session on a private server
/// (`tmux -L berth-test-<uuid>`), driven by key presses and read back as screen text.
///
/// The server is killed by `kill()` or when the session is released.
/// NOTE: a test process that crashes before either leaves its tmux server running.
public final class TmuxSession: @unchecked Sendable {
    /// The `-L` socket name of this session's private tmux server.
    public let socketName: String
    public private(set) var width: Int
    public private(set) var height: Int

    private let folder: TemporaryFolder
    private let clientEnvironment: [String: String]
    private let lock = NSLock()
    private var killed = false
    /// The server's socket file, which tmux 3.3 leaves behind when the server exits.
    private var socketPath: String?
    private static let target = "berth:0.0"

    /// Starts `command` (an argument vector, run without a shell) in a `width`×`height` terminal.
    ///
    /// The program gets only `environment` plus `PATH`, `HOME`, `LANG=C.UTF-8` and `TERM=term`
    /// unless `environment` sets them. `directory` is its working folder. When the program exits,
    /// its last screen stays readable and `exitStatus()` returns its status.
    public init(
        _ command: [String],
        environment: [String: String] = [:],
        width: Int = 100,
        height: Int = 30,
        directory: URL? = nil,
        term: String = "tmux-256color"
    ) throws {
        guard !command.isEmpty else { throw RigError("TmuxSession needs a command to run") }
        socketName = "berth-test-\(UUID().uuidString.prefix(13).lowercased())"
        self.width = width
        self.height = height
        folder = try TemporaryFolder(prefix: "tmux")

        let inherited = ProcessInfo.processInfo.environment
        var base: [String: String] = [
            "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": inherited["HOME"] ?? folder.url.path,
            "LANG": "C.UTF-8",
        ]
        if let tmuxFolder = inherited["TMUX_TMPDIR"] { base["TMUX_TMPDIR"] = tmuxFolder }
        clientEnvironment = base

        // Settings for a quiet, exact terminal: no status line taking a row, no escape delay,
        // and a dead pane kept so its last screen and exit status can be read.
        let configuration = try folder.write("""
            set -g status off
            set -g escape-time 0
            set -g history-limit 10000
            set -g default-terminal "\(term)"
            set -gw remain-on-exit on
            """, to: "tmux.conf")

        var programEnvironment = base
        programEnvironment["TERM"] = term
        programEnvironment.merge(environment) { _, new in new }
        var arguments = ["-u", "-L", socketName, "-f", configuration.path, "new-session", "-d", "-s", "berth",
                         "-x", String(width), "-y", String(height)]
        if let directory { arguments += ["-c", directory.path] }
        for (key, value) in programEnvironment.sorted(by: { $0.key < $1.key }) {
            arguments += ["-e", "\(key)=\(value)"]
        }
        arguments += command
        try Self.runTmux(arguments, environment: programEnvironment).requireSuccess()
        socketPath = try? tmux(["display-message", "-p", "#{socket_path}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit {
        kill()
    }

    /// Presses keys given by tmux key names, e.g. `"Enter"`, `"Down"`, `"Tab"`, `"BSpace"`, `"C-c"`, `"Escape"`.
    public func send(keys: String...) throws {
        try tmux(["send-keys", "-t", Self.target] + keys)
    }

    /// Types `text` literally, character by character; key names in it are not interpreted.
    public func send(text: String) throws {
        try tmux(["send-keys", "-t", Self.target, "-l", "--", text])
    }

    /// Returns the visible screen as text, one line per row; with `escapes` the text keeps
    /// the SGR escape sequences for colours and attributes.
    ///
    /// After the program exited, this is its last screen. tmux 3.3 scrolls a dead pane up by
    /// one row to write "Pane is dead" on the bottom row. So that row is dropped, and the row
    /// scrolled into the history is taken back.
    public func capture(escapes: Bool = false) throws -> String {
        var arguments = ["capture-pane", "-p", "-t", Self.target]
        if escapes { arguments.append("-e") }
        guard try exitStatus() != nil else { return try tmux(arguments) }

        var lines = try tmux(arguments + ["-S", "-1"]).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        if let last = lines.last, last.contains("Pane is dead") { lines.removeLast() }
        return lines.suffix(height).map { $0 + "\n" }.joined()
    }

    /// Polls the screen every 75 ms until it contains `text`, and returns that screen. Throws
    /// after `timeout` seconds with the last screen in the message.
    @discardableResult
    public func waitFor(text: String, timeout: TimeInterval = 10) throws -> String {
        try waitFor(timeout: timeout, "the text \"\(text)\"") { $0.contains(text) }
    }

    /// Polls the screen every 75 ms until `condition` holds for it, and returns that screen.
    /// Throws after `timeout` seconds, naming `expectation` and showing the last screen.
    @discardableResult
    public func waitFor(
        timeout: TimeInterval = 10, _ expectation: String, _ condition: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while true {
            screen = try capture()
            if condition(screen) { return screen }
            if Date() >= deadline { break }
            Thread.sleep(forTimeInterval: 0.075)
        }
        throw RigError("timed out after \(timeout) s waiting for \(expectation) in tmux session \(socketName); last screen:\n\(framed(screen))")
    }

    /// Presses Tab until `label` is drawn in reverse video (SGR 7), the way Berth marks the
    /// focused button or field, and returns that screen. Throws after `maxPresses` presses with
    /// the last screen in the message.
    @discardableResult
    public func focus(on label: String, maxPresses: Int = 40) throws -> String {
        for _ in 0...maxPresses {
            let screen = try capture(escapes: true)
            if Self.isReversed(label, in: screen) { return screen }
            try send(keys: "Tab")
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw RigError("\"\(label)\" never got the focus after \(maxPresses) presses of Tab in tmux session \(socketName); last screen:\n\(framed(try capture()))")
    }

    /// Returns true when `label` follows an SGR sequence that turns on reverse video, with
    /// only further SGR sequences in between.
    static func isReversed(_ label: String, in screen: String) -> Bool {
        var searchStart = screen.startIndex
        while let found = screen.range(of: label, range: searchStart..<screen.endIndex) {
            var prefix = screen[..<found.lowerBound]
            while prefix.hasSuffix("m"), let escape = prefix.range(of: "\u{1B}[", options: .backwards) {
                let parameters = prefix[escape.upperBound..<prefix.index(before: prefix.endIndex)]
                guard parameters.allSatisfy({ $0.isNumber || $0 == ";" }) else { break }
                if parameters.split(separator: ";").contains("7") { return true }
                prefix = prefix[..<escape.lowerBound]
            }
            searchStart = found.upperBound
        }
        return false
    }

    /// Returns the program's exit status once it has exited, nil while it runs.
    public func exitStatus() throws -> Int32? {
        let fields = try tmux(["display-message", "-p", "-t", Self.target, "#{pane_dead} #{pane_dead_status}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: " ")
        guard fields.first == "1" else { return nil }
        return fields.count > 1 ? Int32(fields[1]) : nil
    }

    /// Waits until the program exits and returns its exit status; throws after `timeout` seconds
    /// with the last screen in the message.
    public func waitForExit(timeout: TimeInterval = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = try exitStatus() { return status }
            Thread.sleep(forTimeInterval: 0.075)
        }
        if let status = try exitStatus() { return status }
        throw RigError("timed out after \(timeout) s waiting for the program in tmux session \(socketName) to exit; last screen:\n\(framed(try capture()))")
    }

    /// Resizes the terminal; the program receives SIGWINCH.
    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "berth:0", "-x", String(width), "-y", String(height)])
        self.width = width
        self.height = height
    }

    /// Kills the tmux server and the program in it; later calls do nothing.
    public func kill() {
        lock.lock()
        let alreadyKilled = killed
        killed = true
        lock.unlock()
        guard !alreadyKilled else { return }

        _ = try? Self.runTmux(["-L", socketName, "kill-server"], environment: clientEnvironment)
        if let socketPath, !socketPath.isEmpty {
            try? FileManager.default.removeItem(atPath: socketPath)
        }
        folder.remove()
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try Self.runTmux(["-L", socketName] + arguments, environment: clientEnvironment)
        guard result.succeeded else {
            throw RigError("tmux \(arguments.joined(separator: " ")) failed on session \(socketName): \(result.standardError)")
        }
        return result.standardOutput
    }

    /// Runs a tmux client with every descriptor above 2 closed (and, through `ChildProcess`,
    /// with a clear signal mask, which `kill-server` needs because it signals the server).
    ///
    /// The first client forks the tmux server, which would otherwise inherit the socket
    /// Foundation's `Process` watches to notice an exit, so `Process` would wait for the
    /// server instead of the client.
    private static func runTmux(_ arguments: [String], environment: [String: String]) throws -> ChildProcessResult {
        let closeDescriptors = #"use POSIX (); POSIX::close($_) for 3 .. 1023; exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!";"#
        return try ChildProcess.run(
            ChildProcess.perl, ["-e", closeDescriptors, "tmux"] + arguments, environment: environment,
            inheritEnvironment: false, timeout: 20)
    }

    /// Puts the screen between two rulers, so trailing blanks and empty rows show in a message.
    private func framed(_ screen: String) -> String {
        let ruler = String(repeating: "-", count: width)
        return "\(ruler)\n\(screen)\(screen.hasSuffix("\n") ? "" : "\n")\(ruler)"
    }
}
