import BerthTestSupport
import BerthTUI
import BerthWizard
import Foundation
import Testing

/// The exit status after an apply was stopped: quitting later, even after a good "Plan again",
/// is not "done" (0). The rule is in the controller's outcome, which the full screen, `--plain`
/// and `--answers` all report. Here the plain renderer drives real Terraform on a sandbox copy.
@Suite struct StoppedApplyExitTests {
    @Test func quitAfterStoppedApplyExitsOne() throws {
        let emulator = try Emulator()
        try emulator.seed(["--with-secret", "--with-role"])
        let root = try TemporaryFolder(prefix: "stopped-apply")
        defer { root.remove() }
        let blueprint = try Sandbox.copy(to: root.file("backend-service"))
        try Sandbox.writeFilledTfvars(in: blueprint)
        let main = blueprint.appendingPathComponent("main.tf")
        let text = try String(contentsOf: main, encoding: .utf8)
        let slowed = text.replacingOccurrences(of: "steady state'; sleep 2\"", with: "steady state'; sleep 60\"")
        try #require(slowed != text, "the sandbox's main.tf no longer has the ECS service's `sleep 2`")
        try Data(slowed.utf8).write(to: main)
        let home = root.file("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var environment = try emulator.isolatedEnvironment(home: home)
        environment["CHECKPOINT_DISABLE"] = "1"
        environment["TF_CLI_CONFIG_FILE"] = "/dev/null"

        let configuration = WizardSetup(
            folder: blueprint, profile: nil, region: nil, enginePath: Rig.terraform.path,
            environment: environment, homeDirectory: home.path
        ).makeConfiguration()
        let controller = WizardController(configuration: configuration)
        controller.start()
        let stopper = ApplyStopper(controller)
        stopper.start()

        let input = StopThenQuitInput()
        let status = PlainRenderer(source: controller, input: input, output: { input.record($0) }).run()

        let transcript = input.transcript.joined(separator: "\n")
        #expect(stopper.interrupted, "the apply was never interrupted:\n\(transcript.suffix(3000))")
        #expect(transcript.contains("Apply was stopped"), "\(transcript.suffix(3000))")
        #expect(transcript.components(separatedBy: "Plan: ").count >= 3, "Plan again did not plan a second time:\n\(transcript.suffix(3000))")
        #expect(status == 1, "\(transcript.suffix(3000))")
        #expect(controller.outcome?.exitCode == 1)
    }
}

/// Sends the controller one Ctrl-C once the slow ECS service is being created.
private final class ApplyStopper: @unchecked Sendable {
    private let controller: WizardController
    private let lock = NSLock()
    private var sent = false

    init(_ controller: WizardController) {
        self.controller = controller
    }

    var interrupted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return sent
    }

    func start() {
        Thread.detachNewThread { [self] in
            let deadline = Date().addingTimeInterval(300)
            while Date() < deadline && !controller.isFinished {
                let rows = controller.lastRun?.resources ?? []
                if rows.contains(where: { $0.address.hasSuffix(".ecs_service") && $0.state == .inProgress }) {
                    lock.lock()
                    sent = true
                    lock.unlock()
                    controller.handle(.interrupt)
                    return
                }
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
    }
}

/// Takes every default and approves every confirmation until the apply was stopped.
/// Then it chooses "Plan again" (the default), quits at the next choice, and confirms the quit.
private final class StopThenQuitInput: PlainInput, @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    private var plannedAgain = false

    var transcript: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }

    func record(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    func readLine() -> String? {
        lock.lock()
        defer { lock.unlock() }
        let screen = lines.lastIndex(where: { $0.hasPrefix("== Step") }).map { Array(lines[$0...]) } ?? lines
        if screen.contains(where: { $0.contains("Quit Berth?") }) {
            return "1"
        }
        if plannedAgain {
            return "q"
        }
        if lines.contains(where: { $0.contains("Apply was stopped") }) {
            plannedAgain = true
        }
        return ""
    }

    func confirm(_ question: String) -> Bool? {
        true
    }

    func readSecret(_ prompt: String) -> String? {
        nil
    }
}
