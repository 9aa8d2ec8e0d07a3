import BerthTUI
import BerthWizard
import Foundation
import Glibc
import Testing

/// The child side of the terminal tests: it runs only when `PTYSession`
/// starts this bundle with `BERTH_TUI_PTY_CHILD` set, and then ends the
/// process itself. In a normal test run it returns at once.
@Suite struct PTYChildEntry {
    @Test func ptyChildEntry() throws {
        guard let mode = ProcessInfo.processInfo.environment["BERTH_TUI_PTY_CHILD"] else { return }
        PTYChild.run(mode: mode)
    }
}

enum PTYChild {
    static func run(mode: String) -> Never {
        let environment = ProcessInfo.processInfo.environment

        // The child leads its own session; the pseudo-terminal becomes its
        // controlling terminal, so a Ctrl-C typed in cbreak mode would be SIGINT.
        if let terminal = [Int32(0), 1, 2].first(where: { isatty($0) == 1 }) {
            _ = ioctl(terminal, UInt(TIOCSCTTY), 0)
        }

        let source = FakeScreenSource(SampleScreens.checks)
        source.react = { intent, source in
            if intent == .interrupt && mode == "crash" {
                preconditionFailure("crash requested by the terminal test")
            }
            if intent == .interrupt {
                source.update { $0 = Screen(id: "exit", title: "Done") }
            }
        }

        do {
            let terminalPath = mode == "devtty" ? "/dev/tty" : nil
            let notes = try TUIApp.runInTerminal(source: source, environment: environment, terminalPath: terminalPath) { signalNumber in
                if let marker = environment["BERTH_TUI_PTY_MARKER"] {
                    _ = FileManager.default.createFile(atPath: marker, contents: Data("HOOK \(signalNumber)".utf8))
                }
            }
            FileHandle.standardError.write(Data("CHILD-EXIT intents=\(source.intents) notes=\(notes)\n".utf8))
            exit(0)
        } catch {
            FileHandle.standardError.write(Data("CHILD-START-ERROR \(error)\n".utf8))
            exit(3)
        }
    }
}

@Suite(.serialized) struct CursesTerminalTests {
    @Test func controlCArrivesAsKeyAndTerminalIsRestored() throws {
        let session = try PTYSession(mode: "interrupt")
        let cookedFlags = session.localFlags()

        #expect(session.waitForOutput("Core infrastructure"), "no frame drawn: \(session.output)")
        #expect(session.localFlags() & tcflag_t(ECHO) == 0, "echo still on while curses runs")
        session.type([3])

        try #require(session.waitForExit())
        #expect(session.termination == .exited(0), "child output: \(session.output)")
        #expect(session.output.contains("CHILD-EXIT intents=[BerthWizard.WizardIntent.interrupt]"))
        #expect(session.output.contains("\u{1B}[?1049h"))
        #expect(session.output.contains("\u{1B}[?1049l"))
        #expect(session.localFlags() == cookedFlags)
    }

    @Test func sigtermRunsHookAndRestoresTerminal() throws {
        let marker = NSTemporaryDirectory() + "berth-tui-term-\(getpid()).txt"
        try? FileManager.default.removeItem(atPath: marker)
        let session = try PTYSession(mode: "term", extraEnvironment: ["BERTH_TUI_PTY_MARKER": marker])
        let cookedFlags = session.localFlags()

        #expect(session.waitForOutput("Core infrastructure"), "no frame drawn: \(session.output)")
        kill(session.pid, SIGTERM)

        try #require(session.waitForExit())
        #expect(session.termination == .signaled(SIGTERM))
        #expect((try? String(contentsOfFile: marker, encoding: .utf8)) == "HOOK 15")
        #expect(session.localFlags() == cookedFlags)
        #expect(session.output.contains("\u{1B}[?25h"))
        try? FileManager.default.removeItem(atPath: marker)
    }

    @Test func trapRestoresTerminal() throws {
        let session = try PTYSession(mode: "crash")
        let cookedFlags = session.localFlags()

        #expect(session.waitForOutput("Core infrastructure"), "no frame drawn: \(session.output)")
        session.type([3])

        try #require(session.waitForExit())
        #expect(session.termination == .signaled(SIGILL) || session.termination == .signaled(SIGTRAP), "ended with \(String(describing: session.termination))")
        #expect(session.localFlags() == cookedFlags)
        #expect(session.output.contains("\u{1B}[?1049l"))
    }

    @Test func unknownTermFallsBackWithNote() throws {
        let session = try PTYSession(mode: "interrupt", extraEnvironment: ["TERM": "berth-no-such-terminal"])

        #expect(session.waitForOutput("Core infrastructure"), "no frame drawn: \(session.output)")
        session.type([3])
        try #require(session.waitForExit())
        #expect(session.termination == .exited(0))
        #expect(session.output.contains("TERM=berth-no-such-terminal has no terminfo entry on this machine, so Berth drew the screen as xterm-256color."))
    }

    @Test func asciiMarkersUnderCLocale() throws {
        let session = try PTYSession(mode: "interrupt", extraEnvironment: ["LANG": "C"])

        #expect(session.waitForOutput("[FAIL]"), "no ASCII marker drawn: \(session.output)")
        session.type([3])
        try #require(session.waitForExit())
        #expect(!session.output.contains("✔"))
        #expect(!session.output.contains("✘"))
    }

    @Test func colorsOnlyWithoutNoColor() throws {
        let colored = try PTYSession(mode: "interrupt")
        #expect(colored.waitForOutput("Core infrastructure"))
        colored.type([3])
        try #require(colored.waitForExit())

        let plain = try PTYSession(mode: "interrupt", extraEnvironment: ["NO_COLOR": "1"])
        #expect(plain.waitForOutput("Core infrastructure"))
        plain.type([3])
        try #require(plain.waitForExit())

        // xterm-256color sets a foreground colour with ESC [ 3 1 m (red) and ESC [ 3 2 m (green).
        #expect(colored.output.contains("\u{1B}[32m") || colored.output.contains("\u{1B}[31m"))
        #expect(!plain.output.contains("\u{1B}[32m"))
        #expect(!plain.output.contains("\u{1B}[31m"))
    }

    @Test func resizeRedrawsAtNewSize() throws {
        let session = try PTYSession(mode: "interrupt")
        #expect(session.waitForOutput("Core infrastructure"))

        session.resize(columns: 30, rows: 10)
        #expect(session.waitForOutput("Need 40x12, have 30x10."), "no relayout after resize: \(session.output)")
        session.resize(columns: 100, rows: 30)
        #expect(session.waitForOutput("Step 2 of 9", timeout: 30))

        session.type([3])
        try #require(session.waitForExit())
        #expect(session.termination == .exited(0))
    }

    @Test func redirectedOutputCanUseDevTTY() throws {
        let session = try PTYSession(mode: "devtty", standardInputIsNull: true, standardOutputIsNull: true)
        let cookedFlags = session.localFlags()

        #expect(session.waitForOutput("Core infrastructure"), "no frame drawn on /dev/tty: \(session.output)")
        session.type([3])
        try #require(session.waitForExit())
        #expect(session.termination == .exited(0), "child output: \(session.output)")
        #expect(session.output.contains("CHILD-EXIT intents=[BerthWizard.WizardIntent.interrupt]"))
        #expect(session.localFlags() == cookedFlags)
    }

    @Test func dumbTerminalIsRejected() throws {
        let session = try PTYSession(mode: "interrupt", extraEnvironment: ["TERM": "dumb"])

        try #require(session.waitForExit())
        #expect(session.termination == .exited(3))
        #expect(session.output.contains("CHILD-START-ERROR TERM=dumb cannot draw a full screen."))
    }

    @Test func pipedInputIsRejected() throws {
        let session = try PTYSession(mode: "interrupt", standardInputIsNull: true)

        try #require(session.waitForExit())
        #expect(session.termination == .exited(3))
        #expect(session.output.contains("CHILD-START-ERROR The full-screen wizard needs a terminal on standard input and output."))
    }
}
