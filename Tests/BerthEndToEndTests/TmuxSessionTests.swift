import BerthTestSupport
import Foundation
import Testing

@Suite struct TmuxSessionTests {
    @Test func typedLineReachesProgram() throws {
        let session = try TmuxSession(["sh", "-c", "read x; echo got-$x; sleep 30"], width: 80, height: 24)
        defer { session.kill() }

        try session.send(text: "hello world")
        try session.send(keys: "Enter")
        let screen = try session.waitFor(text: "got-hello world")

        #expect(screen.split(separator: "\n", omittingEmptySubsequences: false).count >= 24)
    }

    @Test func exitStatusAndLastScreenKept() throws {
        let session = try TmuxSession(["sh", "-c", "echo finished; exit 7"])
        defer { session.kill() }

        #expect(try session.waitForExit() == 7)
        let lines = try session.capture().components(separatedBy: "\n").dropLast()
        #expect(lines.first == "finished")
        #expect(lines.count == 30)
        #expect(!lines.contains { $0.contains("Pane is dead") })
    }

    @Test func environmentAndSizeReachProgram() throws {
        let session = try TmuxSession(
            ["sh", "-c", "echo \"value=$BERTH_PROBE term=$TERM\"; stty size; sleep 30"],
            environment: ["BERTH_PROBE": "42"], width: 100, height: 30)
        defer { session.kill() }

        try session.waitFor(text: "30 100")
        #expect(try session.capture().contains("value=42 term=tmux-256color"))
    }

    @Test func resizeReachesProgram() throws {
        let session = try TmuxSession(["sh", "-c", "read x; stty size; sleep 30"], width: 100, height: 30)
        defer { session.kill() }

        try session.resize(width: 60, height: 20)
        try session.send(keys: "Enter")
        try session.waitFor(text: "20 60")
        #expect(session.width == 60)
    }

    @Test func escapesCaptureKeepsColours() throws {
        let session = try TmuxSession(["sh", "-c", "printf '\\033[31mred\\033[0m plain\\n'; sleep 30"])
        defer { session.kill() }

        try session.waitFor(text: "red plain")
        let coloured = try session.capture(escapes: true)
        #expect(coloured.contains("\u{1B}[31mred"))
        #expect(!(try session.capture()).contains("\u{1B}"))
    }

    @Test func waitForTimeoutShowsScreen() throws {
        let session = try TmuxSession(["sh", "-c", "echo visible-text; sleep 30"])
        defer { session.kill() }
        try session.waitFor(text: "visible-text")

        let error = #expect(throws: RigError.self) {
            try session.waitFor(text: "never shown", timeout: 0.3)
        }
        #expect(error?.description.contains("never shown") == true)
        #expect(error?.description.contains("visible-text") == true)
    }

    @Test func focusFindsReversedLabel() throws {
        let session = try TmuxSession(["sh", "-c", "printf '[ Plain ] \\033[1;7;36m[ Chosen ]\\033[0m\\n'; sleep 30"])
        defer { session.kill() }
        try session.waitFor(text: "[ Chosen ]")

        let screen = try session.focus(on: "[ Chosen ]", maxPresses: 0)
        #expect(screen.contains("[ Chosen ]"))
        let error = #expect(throws: RigError.self) {
            try session.focus(on: "[ Plain ]", maxPresses: 2)
        }
        #expect(error?.description.contains("never got the focus") == true)
    }

    @Test func killStopsServer() throws {
        let session = try TmuxSession(["sh", "-c", "sleep 30"])
        let socket = session.socketName
        session.kill()

        let probe = try ChildProcess.run("tmux", ["-L", socket, "list-sessions"], timeout: 10)
        #expect(probe.exitStatus != 0)
        let socketFolder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: "\(socketFolder)/tmux-\(getuid())")) ?? []
        #expect(!leftovers.contains(socket), "the socket file of \(socket) was left behind")
        session.kill()
    }
}
