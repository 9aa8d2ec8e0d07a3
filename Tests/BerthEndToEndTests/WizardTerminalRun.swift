import BerthTestSupport
import Foundation

/// The built `berth` on a copy of the sandbox in a real tmux pane, against a given emulator,
/// driven the way a person would: wait for a screen, move the focus, type, press Enter.
///
/// A small shell script runs berth with `--log`, records `stty -a` before and after, prints
/// `berth-exit=<status>` and `stty-recorded`, then keeps the pane open. Every screen the
/// helpers read is kept in `captures`, so a test can check that none showed a secret.
final class WizardTerminalRun {
    let root: TemporaryFolder
    let blueprint: URL
    let logFile: URL
    let session: TmuxSession
    private(set) var captures: [String] = []

    /// `extraEnvironment` is added to berth's environment, such as what a sandbox needs.
    init(emulator: Emulator, width: Int = 100, height: Int = 30, extraEnvironment: [String: String] = [:]) throws {
        let berth = try BerthBinary.require()
        root = try TemporaryFolder(prefix: "wizard-e2e")
        blueprint = try Sandbox.copy(to: root.file("backend-service"))
        logFile = root.file("berth.log")
        let home = root.file("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)

        var environment = try emulator.isolatedEnvironment(home: home)
        environment["LANG"] = "C.UTF-8"
        environment.merge(extraEnvironment) { _, extra in extra }

        let command = [berth.path, "--log", logFile.path].map(Self.quoted).joined(separator: " ")
        let script = try root.write("""
            stty -a > \(Self.quoted(root.file("stty-before.txt").path))
            \(command)
            echo "berth-exit=$?"
            stty -a > \(Self.quoted(root.file("stty-after.txt").path))
            echo stty-recorded
            exec sleep 600

            """, to: "run.sh")

        session = try TmuxSession(
            ["sh", script.path], environment: environment, width: width, height: height,
            directory: blueprint, term: "xterm-256color")
    }

    deinit {
        session.kill()
    }

    /// Returns the screen as text (with SGR escapes when `escapes`), and keeps it in `captures`.
    func capture(escapes: Bool = false) throws -> String {
        let screen = try session.capture(escapes: escapes)
        captures.append(screen)
        return screen
    }

    /// Polls the screen until it contains every one of `texts`. Throws after `timeout` seconds
    /// with the last screen in the message.
    @discardableResult
    func waitFor(_ texts: String..., timeout: TimeInterval = 20) throws -> String {
        try waitFor(timeout: timeout, texts.map { "\"\($0)\"" }.joined(separator: " and ")) { screen in
            texts.allSatisfy { screen.contains($0) }
        }
    }

    /// Polls the screen until `condition` holds. Throws after `timeout` seconds, naming `expectation`.
    @discardableResult
    func waitFor(timeout: TimeInterval, _ expectation: String, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while true {
            screen = try capture()
            if condition(screen) { return screen }
            if Date() >= deadline { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw RigError("timed out after \(Int(timeout)) s waiting for \(expectation); last screen:\n\(screen)")
    }

    /// Presses keys by tmux name.
    func press(_ keys: String...) throws {
        for key in keys {
            try session.send(keys: key)
        }
    }

    /// Types `text` literally.
    func type(_ text: String) throws {
        try session.send(text: text)
    }

    /// Presses Tab until the button `[ label ]` is focused (drawn in reverse video).
    func focus(button label: String) throws {
        try focus("the button [ \(label) ]") { rows in
            rows.contains { Self.plain($0).contains("[ \(label) ]") && Self.isReversed("[ \(label) ]", in: $0) }
        }
    }

    /// Waits until the button `[ label ]` is focused without any key pressed. Throws after
    /// `timeout` seconds with the last screen in the message.
    func waitForFocus(button label: String, timeout: TimeInterval = 5) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let rows = try capture(escapes: true).components(separatedBy: "\n")
            if rows.contains(where: { Self.isReversed("[ \(label) ]", in: $0) }) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw RigError("the button [ \(label) ] did not get the focus within \(Int(timeout)) s; last screen:\n\(try capture())")
    }

    /// Presses Tab until the field labelled `label` is focused: its row starts with the label
    /// and draws the value box in reverse video.
    func focus(field label: String) throws {
        try focus("the field \(label)") { rows in
            rows.contains { row in
                let text = Self.plain(row).trimmingCharacters(in: .whitespaces)
                let labelled = text.hasPrefix(label + " ")
                return labelled && TerminalScreenChecks.sgrParameterLists(in: row).contains { $0.contains(7) }
            }
        }
    }

    /// Waits until berth has exited and the script has recorded `stty -a`, and returns berth's exit status.
    func waitForBerthExit(timeout: TimeInterval = 20) throws -> Int32 {
        let screen = try waitFor("stty-recorded", timeout: timeout)
        guard let line = screen.split(separator: "\n").last(where: { $0.hasPrefix("berth-exit=") }),
              let status = Int32(line.dropFirst("berth-exit=".count)) else {
            throw RigError("the pane shows no berth-exit line:\n\(screen)")
        }
        return status
    }

    /// Returns `stty -a` as recorded before and after berth ran.
    func sttyBeforeAndAfter() throws -> (before: String, after: String) {
        (try root.read("stty-before.txt"), try root.read("stty-after.txt"))
    }

    /// Returns the pane's whole history and screen as text, and keeps it in `captures`.
    func captureHistory() throws -> String {
        let result = try ChildProcess.run(
            "tmux", ["-L", session.socketName, "capture-pane", "-p", "-S", "-", "-t", "berth:0.0"], timeout: 10)
        let text = try result.requireSuccess().standardOutput
        captures.append(text)
        return text
    }

    /// Returns the argument vector and environment of every process below the pane's shell
    /// (berth, Terraform and the commands Terraform runs), each as one text with NUL separators.
    func descendantProcessTexts() throws -> [String] {
        let result = try ChildProcess.run(
            "tmux", ["-L", session.socketName, "display-message", "-p", "-t", "berth:0.0", "#{pane_pid}"], timeout: 10)
        let shell = try result.requireSuccess().standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        var pending = TerminalWizard.children(of: shell)
        var texts: [String] = []
        while let pid = pending.popLast() {
            let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data()
            let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ") ?? Data()
            texts.append(String(decoding: cmdline + environ, as: UTF8.self))
            pending += TerminalWizard.children(of: String(pid))
        }
        return texts
    }

    /// Returns whether the pane shows the alternate screen.
    func alternateScreenOn() throws -> Bool {
        let result = try ChildProcess.run(
            "tmux", ["-L", session.socketName, "display-message", "-p", "-t", "berth:0.0", "#{alternate_on}"], timeout: 10)
        return try result.requireSuccess().standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// Returns the paths of the files under the test's folder whose bytes contain `text`.
    func filesContaining(_ text: String) throws -> [String] {
        let needle = Data(text.utf8)
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(at: root.url, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            if let data = FileManager.default.contents(atPath: url.path), data.range(of: needle) != nil {
                found.append(url.path)
            }
        }
        return found
    }

    private func focus(_ target: String, maxPresses: Int = 40, isFocused: ([String]) -> Bool) throws {
        for _ in 0...maxPresses {
            let rows = try capture(escapes: true).components(separatedBy: "\n")
            if isFocused(rows) { return }
            try session.send(keys: "Tab")
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw RigError("\(target) never got the focus after \(maxPresses) presses of Tab; last screen:\n\(try capture())")
    }

    /// Returns whether `label` in `row` is drawn with reverse video in force since the last reset.
    private static func isReversed(_ label: String, in row: String) -> Bool {
        guard let range = row.range(of: label) else { return false }
        let parameters = TerminalScreenChecks.sgrParameterLists(in: String(row[..<range.lowerBound])).flatMap { $0 }
        let start = parameters.lastIndex(of: 0).map { $0 + 1 } ?? 0
        return parameters[start...].contains(7)
    }

    /// Returns `row` without its escape sequences.
    private static func plain(_ row: String) -> String {
        row.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
