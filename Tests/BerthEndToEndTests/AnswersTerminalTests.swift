import BerthTestSupport
import Foundation
import Testing

/// `berth --answers FILE` on a real terminal (tmux): plain lines, never the full screen, and
/// the GitHub token typed at a prompt with echo off, since the file never contains it.
@Suite struct AnswersTerminalTests {
    @Test func tokenPromptOnTerminalWithoutFullScreen() throws {
        let berth = try BerthBinary.require()
        let emulator = try Emulator()
        try emulator.seed(["--with-role"])
        let canary = AnswersRun.canaryToken()
        let run = try AnswersRun(emulator: emulator, answers: AnswersErrorTests.complete + "create_secret = true\napply = \"plan\"\n")

        // A shell prints berth's exit status: tmux can mark a pane dead before it has reaped the
        // program, and then reports no status for it.
        let command = [berth.path, "--answers", run.answersFile.path, "--folder", run.blueprint.path, "--engine", Rig.terraform.path]
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        let session = try TmuxSession(
            ["sh", "-c", command + "; echo berth-exit=$?"],
            environment: run.environment, width: 160, height: 50, directory: run.root.url, term: "xterm-256color")
        defer { session.kill() }

        let prompt = try session.waitFor(text: "GitHub token for ecs-github-token (typing is hidden):", timeout: 60)
        #expect(prompt.contains("== Step 5 of 11: GitHub token secret"), "\(prompt)")
        #expect(try alternateScreen(session) == false, "an answers run switched to the full screen")
        try session.send(text: canary)
        try session.send(keys: "Enter")

        let screen = try session.waitFor(text: "berth-exit=", timeout: 120)
        #expect(screen.contains("berth-exit=0"), "\(screen)")
        #expect(screen.contains("Stopped after the plan, as apply = \"plan\" asks; nothing was applied."), "\(screen)")
        #expect(!screen.contains(canary), "the token was echoed")
        let secret = try emulator.call("secretsmanager", "get_secret_value", ["SecretId": "ecs-github-token"])
        #expect(secret["SecretString"] as? String == canary, "the secret does not hold the typed token")
        #expect(run.filesContaining(canary).isEmpty, "the token is in a file: \(run.filesContaining(canary))")
    }

    private func alternateScreen(_ session: TmuxSession) throws -> Bool {
        let result = try ChildProcess.run(
            "tmux", ["-L", session.socketName, "display-message", "-p", "-t", "berth:0.0", "#{alternate_on}"], timeout: 10)
        return try result.requireSuccess().standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }
}
