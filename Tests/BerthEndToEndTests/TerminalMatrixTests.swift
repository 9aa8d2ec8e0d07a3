import BerthTestSupport
import Foundation
import Testing

/// One terminal the first two wizard screens are drawn in.
struct TerminalCase: CustomTestStringConvertible, Sendable {
    /// `nil` means TERM is unset.
    let term: String?
    let lang: String
    let width: Int
    let height: Int
    let noColor: Bool

    var testDescription: String {
        "TERM=\(term ?? "(unset)") LANG=\(lang) \(width)x\(height)\(noColor ? " NO_COLOR=1" : "")"
    }

    /// Whether berth draws the full screen: it runs plain line prompts for TERM dumb or unset.
    var fullScreen: Bool {
        term != nil && term != "dumb"
    }

    var unicode: Bool {
        lang != "C"
    }

    /// Whether colours are expected: the terminal has them and NO_COLOR is not set.
    var coloursExpected: Bool {
        fullScreen && !noColor && term != "vt100"
    }

    static let all: [TerminalCase] = {
        var cases: [TerminalCase] = []
        for term in ["xterm-256color", "screen", "vt100", "dumb", nil] as [String?] {
            for lang in ["C.UTF-8", "C"] {
                for (width, height) in [(200, 60), (80, 24), (40, 12)] {
                    for noColor in [false, true] {
                        cases.append(TerminalCase(term: term, lang: lang, width: width, height: height, noColor: noColor))
                    }
                }
            }
        }
        return cases
    }()
}

/// The built berth in real terminals (tmux): every TERM, locale, size and colour setting draws
/// the welcome and identity screens in a form that terminal can show.
@Suite struct TerminalMatrixTests {
    @Test(arguments: TerminalCase.all)
    func firstScreensFitTerminal(_ terminal: TerminalCase) throws {
        let wizard = try TerminalWizard(
            term: terminal.term, lang: terminal.lang, width: terminal.width, height: terminal.height,
            noColor: terminal.noColor)
        defer { wizard.kill() }

        if terminal.fullScreen {
            try checkFullScreen(wizard, terminal)
        } else {
            try checkPlainPrompts(wizard, terminal)
        }
    }

    private func checkFullScreen(_ wizard: TerminalWizard, _ terminal: TerminalCase) throws {
        let session = wizard.session
        let welcome = try wizard.waitForFrame("Step 1 of 11")
        try checkFrame(welcome, terminal, title: "Deploy")
        if terminal.term != "vt100" {
            // vt100's terminfo has no alternate screen, so only the others switch to it.
            #expect(try wizard.alternateScreenOn(), "curses should draw on the alternate screen")
        }

        try session.send(keys: "?")
        let help = try session.waitFor(timeout: 10, "the help dialog") { $0.contains("any key closes") }
        let corner = terminal.unicode ? "┌─" : "+-"
        #expect(help.contains(corner), "the help dialog should have \(terminal.unicode ? "box-drawing" : "ASCII") borders:\n\(help)")
        try session.send(keys: "Escape")
        try session.waitFor(timeout: 10, "the help dialog to close") { !$0.contains("any key closes") }

        try session.send(keys: "Enter")
        let identity = try wizard.waitForFrame("Step 2 of 11", "123456789012")
        try checkFrame(identity, terminal, title: "AWS identity")
        if terminal.width >= 80 {
            #expect(identity.contains(terminal.unicode ? "✔ AWS credentials" : "[ok] AWS credentials"), "\(identity)")
        }

        let coloured = TerminalScreenChecks.colourSequences(in: try session.capture(escapes: true))
        if terminal.coloursExpected {
            #expect(!coloured.isEmpty, "a colour terminal without NO_COLOR should show colours")
        } else {
            #expect(coloured.isEmpty, "no colour escapes expected, found \(coloured)")
        }
    }

    /// Checks the header on the top row, the key help on the bottom row, widths and characters.
    private func checkFrame(_ screen: String, _ terminal: TerminalCase, title: String) throws {
        let rows = TerminalScreenChecks.rows(screen)
        let bullet = terminal.unicode ? "·" : "-"
        let header = rows.first ?? ""
        #expect(header.hasPrefix(" Berth \(bullet) "), "header row: \(header)")
        #expect(header.contains(title), "header row: \(header)")
        #expect(header.hasSuffix(" of 11"), "the step counter should end the header: \(header)")

        #expect(rows.count == terminal.height, "captured \(rows.count) rows")
        let help = rows.last ?? ""
        #expect(help.contains("Esc back"), "key help on the last row: \(help)")
        #expect(help.contains("C quit"), "key help on the last row: \(help)")
        for row in rows {
            #expect(TerminalScreenChecks.width(of: row) <= terminal.width, "row wider than the terminal: \(row)")
        }

        if !terminal.unicode {
            #expect(TerminalScreenChecks.nonASCII(in: screen).isEmpty, "LANG=C should draw ASCII only:\n\(screen)")
            #expect(TerminalScreenChecks.strayQuestionMarks(in: screen) == 0, "stray ? on the screen:\n\(screen)")
        }
    }

    private func checkPlainPrompts(_ wizard: TerminalWizard, _ terminal: TerminalCase) throws {
        let session = wizard.session
        let welcome = try session.waitFor(text: "Choose 1-1, b to go back, q to quit:", timeout: 20)
        #expect(!(try wizard.alternateScreenOn()), "plain prompts never switch to the alternate screen")
        if terminal.width >= 80 {
            #expect(welcome.contains("== Step 1 of 11: Deploy the ECS backend service"), "\(welcome)")
        }

        try session.send(keys: "Enter")
        let identity = try session.waitFor(text: "Choose 1-2, b to go back, q to quit:", timeout: 20)
        #expect(identity.contains("PASS    AWS credentials"), "\(identity)")
        #expect(TerminalScreenChecks.colourSequences(in: try session.capture(escapes: true)).isEmpty)
        if !terminal.unicode {
            #expect(TerminalScreenChecks.nonASCII(in: identity).isEmpty, "LANG=C should print ASCII only:\n\(identity)")
        }
    }
}
