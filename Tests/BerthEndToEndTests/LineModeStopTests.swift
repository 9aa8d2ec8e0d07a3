import BerthTestSupport
import Foundation
import Testing

/// Signals in every mode, on a real terminal (tmux) with real Terraform applying a sandbox copy
/// whose ECS service resource sleeps: a closed terminal or `kill` sends Terraform one interrupt
/// and waits for it (no stale lock), the full screen prints what finished after it is restored,
/// and Ctrl-C at a plain prompt asks to quit at once instead of running the default.
@Suite struct LineModeStopTests {
    static let answers = """
        region                   = "us-west-2"
        core_stack_name          = "ecs-blueprint-infra"
        github_token_secret_name = "ecs-github-token"
        repository_owner         = "octo-example"
        cpu                      = 256
        memory                   = 512
        container_name           = "ecsdemo-backend"
        apply                    = "approve"

        """

    /// `tmux kill-session` (SIGHUP, and a terminal that fails every write) and `kill -TERM`
    /// during an `--answers` apply.
    @Test(arguments: [SIGHUP, SIGTERM])
    func answersApplyStopsTerraformOnSignal(_ signalNumber: Int32) throws {
        let run = try LineModeLaunch(arguments: ["redeploy", "--answers", "ANSWERS"], answers: Self.answers, serviceSeconds: 120)
        defer { run.remove() }
        let berth = try run.berthProcessID()
        let terraform = try run.waitForSlowApply(berth: berth)

        if signalNumber == SIGHUP {
            run.session.kill()
        } else {
            #expect(kill(berth, SIGTERM) == 0)
        }

        try run.waitUntilGone(berth, timeout: 100)
        #expect(!TerminalWizard.isAlive(terraform), "terraform (pid \(terraform)) still runs after berth exited")
        #expect(!FileManager.default.fileExists(atPath: run.blueprint.appendingPathComponent(".terraform.tfstate.lock.info").path),
                "a stale state lock is left behind")
        let record = try run.applyRecord()
        #expect(record.contains("Gracefully shutting down") || record.contains("Interrupt received"), "Terraform saw no graceful stop:\n\(record.suffix(3000))")
        #expect(!record.contains("Two interrupts"), "Terraform received more than one interrupt")
        let log = try String(contentsOf: run.logFile, encoding: .utf8)
        #expect(log.contains("berth: stopping (signal \(signalNumber))"), "\(log.suffix(3000))")
        #expect(log.contains("Finished resources ("), "the log lacks the list of finished resources:\n\(log.suffix(3000))")
        #expect(log.contains("Run log: \(run.blueprint.path)/.berth/runs/"), "\(log.suffix(3000))")
        let state = try String(contentsOf: run.blueprint.appendingPathComponent("terraform.tfstate"), encoding: .utf8)
        #expect(state.contains("\"ecs_task_definition\""), "the resources finished before the stop should be in the state")
    }

    /// After `kill -TERM` during a full-screen apply, the normal screen shows what finished.
    @Test func fullScreenSigtermPrintsFinishedResources() throws {
        let wizard = try TerminalWizard(term: "xterm-256color", width: 120, height: 70, serviceSeconds: 120)
        defer { wizard.kill() }
        try wizard.driveToApply()
        try wizard.session.waitFor(text: "to reach steady state", timeout: 60)

        #expect(kill(try wizard.berthProcessID(), SIGTERM) == 0)

        #expect(try wizard.waitForBerthExit(timeout: 90) == 128 + SIGTERM)
        let screen = try wizard.session.capture()
        #expect(screen.contains("Finished resources ("), "\(screen)")
        #expect(screen.contains("terraform_data.ecs_task_definition (create)"), "the finished task definition is not listed:\n\(screen)")
        #expect(screen.contains("Run log: \(wizard.blueprint.path)/.berth/runs/"), "\(screen)")
        #expect(!(try wizard.alternateScreenOn()))
    }

    /// Closing the terminal (tmux kill-server) during a full-screen apply: curses loses its
    /// terminal, and Terraform still gets one graceful stop and leaves no lock.
    @Test func fullScreenHangUpStopsTerraform() throws {
        let wizard = try TerminalWizard(term: "xterm-256color", width: 100, height: 30, serviceSeconds: 120)
        defer { wizard.kill() }
        try wizard.driveToApply()
        try wizard.session.waitFor(text: "to reach steady state", timeout: 60)
        let berth = try wizard.berthProcessID()
        let terraform = try #require(wizard.terraformProcessID(berth: berth), "no terraform child of berth during the apply")

        wizard.session.kill()

        let deadline = Date().addingTimeInterval(100)
        while TerminalWizard.isAlive(berth) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(!TerminalWizard.isAlive(berth), "berth still runs 100 s after its terminal closed")
        #expect(!TerminalWizard.isAlive(terraform), "terraform (pid \(terraform)) still runs after berth exited")
        #expect(!FileManager.default.fileExists(atPath: wizard.blueprint.appendingPathComponent(".terraform.tfstate.lock.info").path),
                "a stale state lock is left behind")
        let runs = wizard.blueprint.appendingPathComponent(".berth/runs")
        let apply = try #require(try FileManager.default.contentsOfDirectory(atPath: runs.path).filter { $0.hasSuffix("-apply.jsonl") }.max())
        let record = try String(contentsOf: runs.appendingPathComponent(apply), encoding: .utf8)
        #expect(record.contains("Gracefully shutting down") || record.contains("Interrupt received"), "Terraform saw no graceful stop:\n\(record.suffix(3000))")
        #expect(!record.contains("Two interrupts"), "Terraform received more than one interrupt")
    }

    /// Ctrl-C at "Choose 1-N" on the review screen shows the quit question without an Enter,
    /// and the default (write and plan) never runs.
    @Test func controlCAtPlainChoiceShowsQuit() throws {
        let run = try LineModeLaunch(arguments: ["--plain"], answers: nil, serviceSeconds: nil)
        defer { run.remove() }
        try run.enterDefaults(until: "Write and plan (default)")

        try run.session.send(keys: "C-c")

        let screen = try run.session.waitFor(text: "Quit Berth?", timeout: 5)
        #expect(!screen.contains("Plan:"), "a plan ran after Ctrl-C:\n\(screen)")
        try run.session.send(text: "1")
        try run.session.send(keys: "Enter")
        let ended = try run.session.waitFor(text: "berth-exit=", timeout: 20)
        #expect(ended.contains("berth-exit=0"), "\(ended)")
        #expect(!FileManager.default.fileExists(atPath: run.blueprint.appendingPathComponent(".berth/runs").path),
                "Terraform ran after Ctrl-C")
    }
}

/// The built `berth` with line-mode arguments in a tmux pane, on a sandbox copy with filled
/// tfvars, against the terminal tests' seeded emulator. `ANSWERS` in the arguments stands for
/// the answers file. A shell prints `berth-exit=<status>` when berth ends normally.
final class LineModeLaunch {
    let root: TemporaryFolder
    let blueprint: URL
    let logFile: URL
    let session: TmuxSession

    init(arguments: [String], answers: String?, serviceSeconds: Int?) throws {
        let berth = try BerthBinary.require()
        let emulator = try TerminalRig.seededEmulator()
        let folder = try TemporaryFolder(prefix: "line-stop")
        root = folder
        blueprint = try Sandbox.copy(to: folder.file("backend-service"))
        try Sandbox.writeFilledTfvars(in: blueprint)
        if let serviceSeconds {
            let main = blueprint.appendingPathComponent("main.tf")
            let text = try String(contentsOf: main, encoding: .utf8)
            let slowed = text.replacingOccurrences(of: "steady state'; sleep 2\"", with: "steady state'; sleep \(serviceSeconds)\"")
            guard slowed != text else {
                throw RigError("the sandbox's main.tf no longer has the ECS service's `sleep 2`; update LineModeLaunch")
            }
            try Data(slowed.utf8).write(to: main)
        }
        logFile = folder.file("berth.log")
        let home = folder.file("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let answersPath = try answers.map { try folder.write($0, to: "answers.hcl").path } ?? ""

        var environment = try emulator.isolatedEnvironment(home: home)
        environment["LANG"] = "C.UTF-8"
        environment["CHECKPOINT_DISABLE"] = "1"
        environment["TF_CLI_CONFIG_FILE"] = "/dev/null"
        let command = ([berth.path] + arguments.map { $0 == "ANSWERS" ? answersPath : $0 }
            + ["--folder", blueprint.path, "--engine", Rig.terraform.path, "--log", logFile.path])
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        // The shell catches SIGINT (berth gets the default again at exec), so a Ctrl-C sent to
        // the pane's process group does not end the shell before it prints berth's status.
        let script = try folder.write("trap : INT\necho $$ > '\(folder.file("shell.pid").path)'\n\(command)\necho berth-exit=$?\nexec sleep 600\n", to: "run.sh")
        session = try TmuxSession(["sh", script.path], environment: environment, width: 160, height: 50, directory: blueprint, term: "xterm-256color")
    }

    func remove() {
        session.kill()
        root.remove()
    }

    func berthProcessID(timeout: TimeInterval = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let shell = try? root.read("shell.pid").trimmingCharacters(in: .whitespacesAndNewlines),
               let child = TerminalWizard.children(of: shell).first(where: { TerminalWizard.commandName(of: $0) == "berth" }) {
                return child
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw RigError("berth did not start within \(Int(timeout)) s:\n\((try? session.capture()) ?? "")")
    }

    /// Waits until `terraform apply` runs and the slow ECS service resource is in flight; returns Terraform's pid.
    func waitForSlowApply(berth: Int32, timeout: TimeInterval = 180) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let terraform = TerminalWizard.children(of: String(berth)).first { child in
                TerminalWizard.commandLine(of: child).contains("apply")
            }
            if let terraform, ((try? applyRecord()) ?? "").contains("to reach steady state") {
                return terraform
            }
            Thread.sleep(forTimeInterval: 0.3)
        }
        throw RigError("the apply did not reach the slow resource within \(Int(timeout)) s:\n\((try? session.capture()) ?? "")")
    }

    /// Returns the text of the newest apply record in `.berth/runs`.
    func applyRecord() throws -> String {
        let runs = blueprint.appendingPathComponent(".berth/runs")
        let names = try FileManager.default.contentsOfDirectory(atPath: runs.path).filter { $0.hasSuffix("-apply.jsonl") }
        guard let name = names.max() else { throw RigError("no apply record in \(runs.path)") }
        return try String(contentsOf: runs.appendingPathComponent(name), encoding: .utf8)
    }

    func waitUntilGone(_ pid: Int32, timeout: TimeInterval) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while TerminalWizard.isAlive(pid) {
            guard Date() < deadline else { throw RigError("berth (pid \(pid)) still runs \(Int(timeout)) s after the signal") }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// Presses Enter at every prompt (the default choice, or the field's current value) until
    /// `text` shows with a "Choose" prompt waiting.
    func enterDefaults(until text: String, timeout: TimeInterval = 120) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var lastScreen = ""
        while Date() < deadline {
            let screen = try session.capture()
            let last = screen.split(separator: "\n").last.map(String.init) ?? ""
            if screen.contains(text) && last.hasPrefix("Choose 1-") {
                return
            }
            // tmux drops the prompt's trailing space.
            if last.hasSuffix(":") && screen != lastScreen {
                lastScreen = screen
                try session.send(keys: "Enter")
            }
            Thread.sleep(forTimeInterval: 0.3)
        }
        throw RigError("\"\(text)\" did not show within \(Int(timeout)) s:\n\((try? session.capture()) ?? "")")
    }
}
