import BerthTestSupport
import Foundation
import Testing

/// The helpers together on the real wizard: berth in tmux, on a sandbox copy, against a seeded
/// emulator. The full wizard walk-through lives in its own test.
@Suite struct WizardSmokeTests {
    @Test func wizardReachesIdentityChecks() throws {
        let berth = try BerthBinary.require()
        let emulator = try Emulator()
        try emulator.seed()
        let folder = try TemporaryFolder(prefix: "wizard-smoke")
        let blueprint = try Sandbox.copy(to: folder.url.appendingPathComponent("backend-service"))
        let environment = try emulator.isolatedEnvironment(home: folder.url)

        let session = try TmuxSession([berth.path], environment: environment, directory: blueprint)
        defer { session.kill() }

        try session.waitFor(text: "Step 1 of", timeout: 20)
        try session.focus(on: "[ Start ]")
        try session.send(keys: "Enter")
        let screen = try session.waitFor(text: "✔ Deploy region", timeout: 20)

        #expect(screen.contains("123456789012"))
        #expect(screen.contains("us-west-2"))
    }
}
