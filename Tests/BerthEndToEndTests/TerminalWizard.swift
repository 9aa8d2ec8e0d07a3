import BerthTestSupport
import Foundation

/// The built `berth` started by a small shell script in a tmux pane, on a copy of the sandbox
/// blueprint, against a seeded emulator shared by all terminal tests.
///
/// The script records `stty -a` before and after berth runs, prints `berth-exit=<status>` and
/// `stty-recorded`, then keeps the pane open, so tests can check what berth left behind.
final class TerminalWizard {
    /// How berth's standard input and output are connected in the pane.
    enum Wiring: String {
        case terminal = ""
        case pipedYes = "printf 'y\\n' | "
        case devNull = "< /dev/null"
        case tee = "| tee"
    }

    /// `nil` runs berth with TERM removed from its environment.
    let term: String?
    let session: TmuxSession
    let folder: TemporaryFolder
    let blueprint: URL

    /// Starts berth in a `width`×`height` pane.
    ///
    /// - Parameters:
    ///   - serviceSeconds: how long the sandbox's ECS service resource sleeps while applying,
    ///     so a test can act during the apply (the blueprint copy is edited, never the original).
    ///   - folderName: the blueprint folder's name, shown on the welcome screen.
    init(
        term: String?,
        lang: String = "C.UTF-8",
        width: Int = 80,
        height: Int = 24,
        noColor: Bool = false,
        wiring: Wiring = .terminal,
        serviceSeconds: Int? = nil,
        folderName: String = "backend-service"
    ) throws {
        let berth = try BerthBinary.require()
        let emulator = try TerminalRig.seededEmulator()
        self.term = term
        folder = try TemporaryFolder(prefix: "terminal")
        blueprint = folder.url.appendingPathComponent(folderName, isDirectory: true)
        try Sandbox.copy(to: blueprint)
        try Sandbox.writeFilledTfvars(in: blueprint)
        if let serviceSeconds {
            let main = blueprint.appendingPathComponent("main.tf")
            let text = try String(contentsOf: main, encoding: .utf8)
            let slowed = text.replacingOccurrences(of: "steady state'; sleep 2\"", with: "steady state'; sleep \(serviceSeconds)\"")
            guard slowed != text else {
                throw RigError("the sandbox's main.tf no longer has the ECS service's `sleep 2`; update TerminalWizard")
            }
            try Data(slowed.utf8).write(to: main)
        }
        try FileManager.default.createDirectory(at: folder.file("home"), withIntermediateDirectories: true)

        var environment = emulator.environment
        environment["LANG"] = lang
        environment["HOME"] = folder.file("home").path
        environment["TF_CLI_CONFIG_FILE"] = "/dev/null"
        // Terraform's upgrade check would contact checkpoint-api.hashicorp.com; tests stay on loopback.
        environment["CHECKPOINT_DISABLE"] = "1"
        if noColor {
            environment["NO_COLOR"] = "1"
        }

        let command = [berth.path, "--folder", blueprint.path, "--engine", Rig.terraform.path]
            .map(Self.quoted).joined(separator: " ")
        let launch: String
        switch wiring {
        case .terminal: launch = command
        case .pipedYes: launch = wiring.rawValue + command
        case .devNull: launch = command + " " + wiring.rawValue
        case .tee: launch = command + " | tee " + Self.quoted(folder.file("tee.log").path)
        }
        let unset = term == nil ? "unset TERM\n" : ""
        let script = try folder.write("""
            stty -a > \(Self.quoted(folder.file("stty-before.txt").path))
            echo $$ > \(Self.quoted(folder.file("shell.pid").path))
            \(unset)\(launch)
            status=$?
            echo "berth-exit=$status"
            stty -a > \(Self.quoted(folder.file("stty-after.txt").path))
            echo stty-recorded
            exec sleep 600

            """, to: "run.sh")

        session = try TmuxSession(
            ["sh", script.path], environment: environment, width: width, height: height,
            directory: blueprint, term: term ?? "tmux-256color")
    }

    deinit {
        kill()
    }

    /// Kills the tmux server, berth and the script, waits up to 10 s for berth and its Terraform
    /// child to exit, and removes the folder, so no process writes into it afterwards.
    func kill() {
        let shell = (try? folder.read("shell.pid"))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let berth = Self.children(of: shell)
        let processes = berth + berth.flatMap { Self.children(of: String($0)) }
        session.kill()

        let deadline = Date().addingTimeInterval(10)
        while processes.contains(where: Self.isAlive) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        folder.remove()
    }

    /// Waits until berth has exited and the script has recorded `stty -a`; returns berth's exit status.
    func waitForBerthExit(timeout: TimeInterval = 30) throws -> Int32 {
        let screen = try session.waitFor(text: "stty-recorded", timeout: timeout)
        guard let line = screen.split(separator: "\n").last(where: { $0.hasPrefix("berth-exit=") }),
              let status = Int32(line.dropFirst("berth-exit=".count)) else {
            throw RigError("the pane shows no berth-exit line:\n\(screen)")
        }
        return status
    }

    /// Returns `stty -a` as printed before and after berth ran.
    func sttyBeforeAndAfter() throws -> (before: String, after: String) {
        (try folder.read("stty-before.txt"), try folder.read("stty-after.txt"))
    }

    /// Returns the process id of berth, the shell script's one child.
    func berthProcessID(timeout: TimeInterval = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let shell = try? folder.read("shell.pid").trimmingCharacters(in: .whitespacesAndNewlines),
               let child = Self.children(of: shell).first(where: { Self.commandName(of: $0) == "berth" }) {
                return child
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw RigError("no berth process appeared under the pane's shell within \(timeout) s")
    }

    /// Waits for a whole full-screen frame that contains `texts` and returns it. Curses draws rows
    /// top to bottom, so the key help on the last row arrives last.
    @discardableResult
    func waitForFrame(_ texts: String..., timeout: TimeInterval = 20) throws -> String {
        try session.waitFor(timeout: timeout, "a whole frame with \(texts)") { screen in
            let rows = TerminalScreenChecks.rows(screen)
            let complete = rows.count == session.height && rows.last?.contains("quit") == true
            return complete && texts.allSatisfy { screen.contains($0) }
        }
    }

    /// Returns a tmux format, such as `#{alternate_on}`, evaluated for the pane.
    func paneFormat(_ format: String) throws -> String {
        let result = try ChildProcess.run(
            "tmux", ["-L", session.socketName, "display-message", "-p", "-t", "berth:0.0", format], timeout: 10)
        return try result.requireSuccess().standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Returns whether the pane shows the alternate screen (curses switched to it).
    func alternateScreenOn() throws -> Bool {
        try paneFormat("#{alternate_on}") == "1"
    }

    /// Returns the process ids of the direct children of `pid`, started from any of its threads.
    static func children(of pid: String) -> [Int32] {
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return threads.flatMap { thread -> [Int32] in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(thread)/children", encoding: .utf8)) ?? ""
            return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// Returns the command name of `pid` from `/proc`, or nil when it has exited.
    static func commandName(of pid: Int32) -> String? {
        (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Returns the argument vector of `pid` from `/proc`, empty when it has exited.
    static func commandLine(of pid: Int32) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Returns berth's Terraform child: the rig's terraform is a script, so it is found by its arguments.
    func terraformProcessID(berth: Int32) -> Int32? {
        Self.children(of: String(berth)).first { child in
            // The rig's launcher replaces itself with `python …/bin/terraform.py`.
            Self.commandLine(of: child).contains { $0 == Rig.terraform.path || $0.hasSuffix("/terraform") || $0.hasSuffix("/terraform.py") }
        }
    }

    /// Returns whether `pid` still exists as a live (not zombie) process.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = status.lastIndex(of: ")") else { return false }
        let state = status[status.index(close, offsetBy: 2)...].prefix(1)
        return state != "Z" && state != "X"
    }

    /// Drives the wizard with its default values from the welcome screen to the running apply.
    ///
    /// Each step waits for text that shows the screen is ready, presses keys, and waits for the
    /// next screen. A key pressed while the screen is still being replaced can be lost. So keys that
    /// only move between screens are pressed once more when nothing happened. Confirmations are never
    /// repeated, because a second `y` could approve something else.
    func driveToApply() throws {
        let steps: [(ready: String, keys: [String], next: String, repeatable: Bool)] = [
            ("[ Start ]", ["Enter"], "Step 2 of 11", true),
            ("Berth will use this account", ["Enter"], "Step 3 of 11", true),
            ("core-infra is deployed in this region", ["BTab", "Enter"], "Step 4 of 11", true),
            ("The role exists", ["Enter"], "Step 5 of 11", true),
            ("The secret holds a plain-text token", ["BTab", "Enter"], "Step 6 of 11", true),
            ("Values for terraform.tfvars", ["BTab", "Enter"], "Step 7 of 11", true),
            ("[ Write and plan ]", ["Enter"], "Write and plan?", true),
            ("Write and plan?", ["y"], "[ Apply 26 changes ]", false),
            ("[ Apply 26 changes ]", ["Enter"], "Apply 26 changes?", true),
            ("Apply 26 changes?", ["y"], "Step 10 of 11", false),
        ]
        for step in steps {
            try session.waitFor(text: step.ready, timeout: 60)
            for key in step.keys {
                try session.send(keys: key)
            }
            if step.repeatable, (try? session.waitFor(text: step.next, timeout: 8)) == nil {
                for key in step.keys {
                    try session.send(keys: key)
                }
            }
            try session.waitFor(text: step.next, timeout: 90)
        }
    }

    /// Quits from a screen with nothing running: Ctrl-C, then the confirmation's Quit button.
    func quitWithControlC() throws {
        try session.send(keys: "C-c")
        try session.waitFor(text: "Quit Berth?")
        try press(button: "Quit")
    }

    /// Moves focus with Tab until the button labelled `label` is drawn in reverse video (focused),
    /// then presses Enter.
    func press(button label: String) throws {
        let targets = 12
        for _ in 0..<targets {
            if try isFocused(button: label) {
                try session.send(keys: "Enter")
                return
            }
            try session.send(keys: "Tab")
            Thread.sleep(forTimeInterval: 0.15)
        }
        throw RigError("the button [ \(label) ] never took focus after \(targets) Tab presses:\n\(try session.capture())")
    }

    private func isFocused(button label: String) throws -> Bool {
        let screen = try session.capture(escapes: true)
        for row in screen.components(separatedBy: "\n") {
            guard let range = row.range(of: "[ \(label) ]") else { continue }
            // The attributes in force are those set since the last reset (SGR 0).
            let parameters = TerminalScreenChecks.sgrParameterLists(in: String(row[..<range.lowerBound])).flatMap { $0 }
            let start = parameters.lastIndex(of: 0).map { $0 + 1 } ?? 0
            return parameters[start...].contains(7)
        }
        return false
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// One emulator, seeded once with a complete core-infra, the GitHub token secret and the
/// CodeStar role, for every terminal test: berth only reads from it on the screens tested.
enum TerminalRig {
    private static let lock = NSLock()
    private static var emulator: Emulator?

    static func seededEmulator() throws -> Emulator {
        lock.lock()
        defer { lock.unlock() }
        if let emulator {
            return emulator
        }
        let started = try Emulator()
        try started.seed(["--with-secret", "--with-role"])
        emulator = started
        return started
    }
}
