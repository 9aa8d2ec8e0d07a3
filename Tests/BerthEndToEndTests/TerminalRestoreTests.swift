import BerthTestSupport
import Foundation
import Testing

/// The terminal berth leaves behind in a real tmux pane, and the run panes while the pane is resized.
@Suite struct TerminalRestoreTests {
    @Test func sigtermRestoresTerminal() throws {
        let wizard = try TerminalWizard(term: "xterm-256color")
        defer { wizard.kill() }
        try wizard.session.waitFor(text: "Step 1 of 11", timeout: 20)
        #expect(try wizard.alternateScreenOn())

        #expect(kill(try wizard.berthProcessID(), SIGTERM) == 0)

        #expect(try wizard.waitForBerthExit() == 128 + SIGTERM)
        try expectRestored(wizard)
    }

    @Test func controlCQuitRestoresTerminal() throws {
        let wizard = try TerminalWizard(term: "xterm-256color")
        defer { wizard.kill() }
        try wizard.session.waitFor(text: "Step 1 of 11", timeout: 20)

        try wizard.quitWithControlC()

        #expect(try wizard.waitForBerthExit() == 0)
        try expectRestored(wizard)
    }

    /// A termination signal during apply stops Terraform, waits for it and restores the terminal.
    @Test(arguments: [SIGTERM, SIGHUP])
    func signalDuringApplyStopsTerraform(_ signalNumber: Int32) throws {
        let wizard = try TerminalWizard(term: "xterm-256color", width: 100, height: 30, serviceSeconds: 120)
        defer { wizard.kill() }
        try wizard.driveToApply()
        try wizard.session.waitFor(text: "to reach steady state", timeout: 60)
        let berth = try wizard.berthProcessID()
        let terraform = try #require(wizard.terraformProcessID(berth: berth), "no terraform child of berth during the apply")

        #expect(kill(berth, signalNumber) == 0)

        #expect(try wizard.waitForBerthExit(timeout: 90) == 128 + signalNumber)
        #expect(!TerminalWizard.isAlive(terraform), "terraform (pid \(terraform)) still runs after berth exited")
        try expectRestored(wizard)
        let state = try String(contentsOf: wizard.blueprint.appendingPathComponent("terraform.tfstate"), encoding: .utf8)
        #expect(state.contains("\"ecs_task_definition\""), "the resources finished before the stop should be in the state")
    }

    /// Ctrl-C during apply sends Terraform one interrupt: it stops after its in-flight resources,
    /// the wizard stays on screen with the outcome, and quitting then restores the terminal.
    @Test func controlCDuringApplyStopsSafely() throws {
        let wizard = try TerminalWizard(term: "xterm-256color", width: 100, height: 30, serviceSeconds: 120)
        defer { wizard.kill() }
        try wizard.driveToApply()
        try wizard.session.waitFor(text: "to reach steady state", timeout: 60)
        let berth = try wizard.berthProcessID()
        let terraform = try #require(wizard.terraformProcessID(berth: berth), "no terraform child of berth during the apply")

        try wizard.session.send(keys: "C-c")

        // The "stopping safely" notice shows only until Terraform exits, often within a second, so
        // the stop is checked through Terraform's own log lines and the final message.
        let stopped = try wizard.session.waitFor(text: "Apply was stopped", timeout: 90)
        #expect(stopped.contains("Gracefully shutting down"), "Terraform's log should show one graceful stop:\n\(stopped)")
        #expect(!stopped.contains("Two interrupts"), "Terraform received more than one interrupt:\n\(stopped)")
        #expect(!TerminalWizard.isAlive(terraform), "terraform (pid \(terraform)) still runs after the stop")
        #expect(TerminalWizard.isAlive(berth), "berth should stay open after a stopped apply")
        let state = try String(contentsOf: wizard.blueprint.appendingPathComponent("terraform.tfstate"), encoding: .utf8)
        #expect(state.contains("\"ecs_task_definition\""), "the resources finished before the stop should be in the state")

        try wizard.quitWithControlC()
        _ = try wizard.waitForBerthExit()
        let stty = try wizard.sttyBeforeAndAfter()
        #expect(stty.after == stty.before)
        #expect(!(try wizard.alternateScreenOn()))
    }

    /// Resizing the terminal during apply lays out the header, resource rows and borders again for each width.
    @Test func resizeDuringApplyRelaysPanes() throws {
        let wizard = try TerminalWizard(term: "xterm-256color", width: 80, height: 24, serviceSeconds: 20)
        defer { wizard.kill() }
        try wizard.driveToApply()
        try wizard.session.waitFor(text: "Applying ·", timeout: 30)
        try expectApplyLayout(wizard, width: 80, height: 24, sideBySide: false)

        try wizard.session.resize(width: 120, height: 40)
        try expectApplyLayout(wizard, width: 120, height: 40, sideBySide: true)

        try wizard.session.resize(width: 60, height: 20)
        try expectApplyLayout(wizard, width: 60, height: 20, sideBySide: false)

        try wizard.session.waitFor(text: "Step 11 of 11", timeout: 90)
    }

    private func expectRestored(_ wizard: TerminalWizard, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let stty = try wizard.sttyBeforeAndAfter()
        #expect(stty.after == stty.before, "stty -a differs after berth exited", sourceLocation: sourceLocation)
        #expect(!(try wizard.alternateScreenOn()), "the pane is still on the alternate screen", sourceLocation: sourceLocation)
        let screen = try wizard.session.capture()
        #expect(!screen.contains("Step 1 of 11"), "the wizard's screen is still visible:\n\(screen)", sourceLocation: sourceLocation)
        #expect(try wizard.paneFormat("#{cursor_flag}") == "1", "the cursor is still hidden", sourceLocation: sourceLocation)
    }

    private func expectApplyLayout(_ wizard: TerminalWizard, width: Int, height: Int, sideBySide: Bool) throws {
        let screen = try wizard.session.waitFor(timeout: 10, "the apply screen laid out at \(width)x\(height)") { screen in
            let rows = TerminalScreenChecks.rows(screen)
            let complete = rows.count == height && rows.last?.contains("stop") == true
            let resized = TerminalScreenChecks.width(of: rows.first ?? "") == width - 1
            return complete && resized && screen.contains("create  terraform_data.")
        }
        let rows = TerminalScreenChecks.rows(screen)
        let margin = width >= 60 ? 2 : 1
        let indent = String(repeating: " ", count: margin)

        #expect(rows[0].hasPrefix(" Berth · Apply"), "header: \(rows[0])")
        #expect(rows[0].hasSuffix("Step 10 of 11"), "header: \(rows[0])")
        #expect(rows.contains { $0.contains("create  terraform_data.") }, "no resource row:\n\(screen)")
        for row in rows {
            #expect(TerminalScreenChecks.width(of: row) <= width, "row wider than \(width): \(row)")
        }

        let top = try #require(rows.first { $0.hasPrefix(indent + "┌─ Resources") }, "no Resources pane:\n\(screen)")
        #expect(TerminalScreenChecks.width(of: top) == width - margin, "the pane's top border should end at the right margin: \(top)")
        #expect(top.hasSuffix("┐"), "top border: \(top)")
        #expect(top.contains("┌─ Log") == sideBySide, "the Log pane should be \(sideBySide ? "beside" : "below") the resources:\n\(screen)")
        let framed = rows.filter { $0.hasPrefix(indent + "│") || $0.hasPrefix(indent + "└") }
        #expect(!framed.isEmpty)
        for row in framed {
            #expect(TerminalScreenChecks.width(of: row) == width - margin, "border row should end at the right margin: \(row)")
        }
    }
}
