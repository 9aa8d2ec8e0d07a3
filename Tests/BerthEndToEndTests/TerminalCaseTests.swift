import BerthTestSupport
import Foundation
import Testing

/// Terminals that are unusual or missing: unknown or colourless TERM values, the C locale with
/// wide characters, and standard input or output that is not a terminal.
@Suite struct TerminalCaseTests {
    @Test(arguments: [nil, "dumb"] as [String?])
    func unusableTermRunsPlainPrompts(_ term: String?) throws {
        let wizard = try TerminalWizard(term: term)
        defer { wizard.kill() }

        let screen = try wizard.session.waitFor(text: "Choose 1-1, b to go back, q to quit:", timeout: 20)

        #expect(screen.contains("== Step 1 of 11: Deploy the ECS backend service"))
        #expect(!(try wizard.alternateScreenOn()))
        #expect(TerminalScreenChecks.sgrParameterLists(in: try wizard.session.capture(escapes: true)).isEmpty)
    }

    @Test func unknownTermFallsBackToXterm() throws {
        let wizard = try TerminalWizard(term: "berth-unknown-term")
        defer { wizard.kill() }

        let screen = try wizard.waitForFrame("Step 1 of 11")
        #expect(screen.contains(" Berth · Deploy the ECS backend service"))
        #expect(try wizard.alternateScreenOn())
        try wizard.quitWithControlC()

        #expect(try wizard.waitForBerthExit() == 0)
        let after = try wizard.session.capture()
        #expect(after.contains("TERM=berth-unknown-term has no terminfo entry"), "no fallback note:\n\(after)")
        let stty = try wizard.sttyBeforeAndAfter()
        #expect(stty.after == stty.before)
    }

    @Test func monochromeNoColorUsesAttributesOnly() throws {
        let wizard = try TerminalWizard(term: "vt102", noColor: true)
        defer { wizard.kill() }
        try wizard.session.waitFor(text: "Step 1 of 11", timeout: 20)
        try wizard.session.send(keys: "Enter")
        try wizard.session.waitFor(text: "123456789012", timeout: 20)

        let escapes = try wizard.session.capture(escapes: true)

        #expect(TerminalScreenChecks.colourSequences(in: escapes).isEmpty)
        let attributes = TerminalScreenChecks.sgrParameterLists(in: escapes).flatMap { $0 }
        #expect(attributes.contains(7), "the header and focused button should use reverse video")
        #expect(attributes.contains(1), "the header should be bold")
    }

    @Test func cLocaleUnderScreenEscapesWideText() throws {
        let wizard = try TerminalWizard(term: "screen", lang: "C", folderName: "svc-café-日本")
        defer { wizard.kill() }

        let screen = try wizard.waitForFrame("Step 1 of 11")

        #expect(screen.contains("\\u{E9}-\\u{65E5}\\u{672C}"), "the folder name should be escaped:\n\(screen)")
        #expect(TerminalScreenChecks.nonASCII(in: screen).isEmpty)
        #expect(TerminalScreenChecks.strayQuestionMarks(in: screen) == 0)
        try wizard.session.send(keys: "?")
        let help = try wizard.session.waitFor(text: "any key closes")
        #expect(help.contains("+-"), "ASCII borders expected:\n\(help)")
        #expect(!help.contains("qqq"), "line-drawing fell back to raw ACS letters:\n\(help)")
    }

    @Test(arguments: [(80, 24), (40, 12)])
    func wideCharactersKeepColumns(_ size: (width: Int, height: Int)) throws {
        let wizard = try TerminalWizard(term: "screen", width: size.width, height: size.height, folderName: "svc-café-日本")
        defer { wizard.kill() }

        let screen = try wizard.waitForFrame("Step 1 of 11")
        let rows = TerminalScreenChecks.rows(screen)

        if size.width >= 80 {
            #expect(screen.contains("é-日本"), "\(screen)")
        }
        for row in rows {
            #expect(TerminalScreenChecks.width(of: row) <= size.width, "row wider than \(size.width): \(row)")
        }
        #expect(TerminalScreenChecks.width(of: rows[0]) == size.width - 1, "header: \(rows[0])")
        #expect(rows[0].hasSuffix("Step 1 of 11"))
    }

    @Test func belowMinimumSizeShowsNoticeUntilEnlarged() throws {
        let wizard = try TerminalWizard(term: "xterm-256color", width: 30, height: 10)
        defer { wizard.kill() }

        let small = try wizard.session.waitFor(text: "Terminal too small", timeout: 20)
        #expect(small.contains("Need 40x12, have 30x10."), "\(small)")

        try wizard.session.send(keys: "Enter")
        try wizard.session.resize(width: 80, height: 24)
        let welcome = try wizard.waitForFrame("Step 1 of 11")
        #expect(!welcome.contains("Terminal too small"))
        #expect(welcome.contains("[ Start ]"), "Enter below the minimum size should not have left the welcome screen:\n\(welcome)")
    }

    @Test(arguments: [TerminalWizard.Wiring.pipedYes, .devNull])
    func inputWithoutTerminalNeverApproves(_ wiring: TerminalWizard.Wiring) throws {
        let wizard = try TerminalWizard(term: "xterm-256color", wiring: wiring)
        defer { wizard.kill() }
        let tfvars = try String(contentsOf: wizard.blueprint.appendingPathComponent("terraform.tfvars"), encoding: .utf8)

        let status = try wizard.waitForBerthExit()

        let screen = try wizard.session.capture()
        #expect(status == 1, "berth should stop with status 1 when input ends:\n\(screen)")
        #expect(screen.contains("== Step 1 of 11"), "plain prompts expected:\n\(screen)")
        #expect(screen.contains("Input ended before the wizard finished"))
        #expect(!(try wizard.alternateScreenOn()))
        let files = try FileManager.default.contentsOfDirectory(atPath: wizard.blueprint.path)
        #expect(!files.contains("terraform.tfstate"))
        #expect(!files.contains(".terraform"))
        #expect(try String(contentsOf: wizard.blueprint.appendingPathComponent("terraform.tfvars"), encoding: .utf8) == tfvars)
    }

    @Test func outputToPipeNeverStartsCurses() throws {
        let wizard = try TerminalWizard(term: "xterm-256color", wiring: .tee)
        defer { wizard.kill() }

        try wizard.session.waitFor(text: "Choose 1-1, b to go back, q to quit:", timeout: 20)

        #expect(!(try wizard.alternateScreenOn()))
        #expect(TerminalScreenChecks.sgrParameterLists(in: try wizard.session.capture(escapes: true)).isEmpty)
        try wizard.session.send(text: "q")
        try wizard.session.send(keys: "Enter")
        try wizard.session.waitFor(text: "1. Quit")
        try wizard.session.send(text: "1")
        try wizard.session.send(keys: "Enter")
        #expect(try wizard.waitForBerthExit() == 0)
        let log = try wizard.folder.read("tee.log")
        #expect(log.contains("== Step 1 of 11: Deploy the ECS backend service"))
        #expect(!log.contains("\u{1B}"), "the piped output should hold no escape sequences")
    }
}
