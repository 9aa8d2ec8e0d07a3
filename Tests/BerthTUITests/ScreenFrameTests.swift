import BerthTUI
import BerthTerraform
import BerthWizard
import Testing

/// Draws `screen` once into a recording driver of `size`.
func render(_ screen: Screen, size: TerminalSize, unicode: Bool = true, colors: Bool = true, state: ScreenUIState = ScreenUIState()) -> RecordingDriver {
    let driver = RecordingDriver(size: size, capabilities: TerminalCapabilities(unicode: unicode, colors: colors))
    ScreenView(screen: screen, state: state).render(on: driver)
    return driver
}

@Suite struct ScreenFrameTests {
    @Test func formFrameAt80x24() {
        let driver = render(SampleScreens.fields, size: TerminalSize(columns: 80, rows: 24))

        let expected = [
            " Berth · Service settings                                           Step 6 of 9",
            "",
            "  These values go into terraform.tfvars.",
            "",
            "  Service name *  [backend                                           ]",
            "                  Lower-case letters, digits and hyphens.",
            "",
            "  GitHub token *  [                                                  ]",
            "                  Stored in Secrets Manager, never on disk.",
            "",
            "  Region          [us-west-2                                        ▾]",
            "                  Where core-infra runs.",
        ] + Array(repeating: "", count: 10) + [
            "  [ Back ]                                                        [ Continue ]",
            "  Tab/↑↓ move  Enter next  Ctrl-U clear  Esc back  F1 help  Ctrl-C quit",
        ]
        #expect(driver.frame == expected)
        #expect(driver.style(row: 4, column: 19) == .focused)
        #expect(driver.style(row: 4, column: 26) == .normal, "the cursor cell after the text is not set apart")
        #expect(driver.style(row: 4, column: 27) == .focused)
    }

    @Test func formFrameAt40x12() {
        let driver = render(SampleScreens.fields, size: TerminalSize(columns: 40, rows: 12))

        let expected = [
            " Berth · Service settings   Step 6 of 9",
            "                             1-7 of 15",
            " These values go into terraform.tfvars.",
            "",
            " Service name *",
            "   [backend                           ]",
            "   Lower-case letters, digits and",
            "   hyphens.",
            "",
            "",
            " [ Back ]                  [ Continue ]",
            " Tab move Esc back F1 help ^C quit",
        ]
        #expect(driver.frame == expected)
    }

    @Test func checksFrameAt40x12() {
        let driver = render(SampleScreens.checks, size: TerminalSize(columns: 40, rows: 12))

        let expected = [
            " Berth · Core infrastruct…  Step 2 of 9",
            "                              1-7 of 9",
            " Account  123456789012",
            " Region   us-west-2",
            "",
            " ✔ VPC          vpc-0abc",
            " ✘ ECS cluster  core-infra not found",
            "   Fix: Deploy core-infra first, or",
            "   pick the cluster named after your",
            "",
            " [Back] [Check again]        [Continue]",
            " Tab move Esc back ? help ^C quit",
        ]
        #expect(driver.frame == expected)
    }

    @Test func checksFrameAt80x24ShowsWholeFix() {
        let driver = render(SampleScreens.checks, size: TerminalSize(columns: 80, rows: 24))

        #expect(driver.frame[5] == "  ✔ VPC          vpc-0abc")
        #expect(driver.frame[6] == "  ✘ ECS cluster  core-infra not found")
        #expect(driver.frame[7] == "    Fix: Deploy core-infra first, or pick the cluster named after your")
        #expect(driver.frame[8] == "    core-infra folder (core-infra-dev).")
        #expect(driver.frame[9].hasPrefix("  ⠋ Namespace"))
        #expect(driver.style(row: 6, column: 2) == .error)
        #expect(driver.style(row: 5, column: 2) == .success)
    }

    @Test func tooSmallBelowMinimum() {
        let driver = render(SampleScreens.fields, size: TerminalSize(columns: 39, rows: 12))

        #expect(driver.frame[4] == "          Terminal too small")
        #expect(driver.frame[5] == "        Need 40x12, have 39x12.")
        #expect(driver.frame[6] == "   Enlarge the window; work goes on.")
        #expect(!driver.frameText.contains("Service name"))
    }

    @Test func tooFewRowsIsTooSmall() {
        let driver = render(SampleScreens.fields, size: TerminalSize(columns: 80, rows: 11))

        #expect(driver.frameText.contains("Need 40x12, have 80x11."))
    }

    @Test func asciiMarkersAndBordersWithoutUTF8() {
        let checks = render(SampleScreens.checks, size: TerminalSize(columns: 80, rows: 24), unicode: false)
        #expect(checks.frame[1].isEmpty)
        #expect(checks.frame[0].hasPrefix(" Berth - Core infrastructure"))
        #expect(checks.frame[5] == "  [ok]   VPC          vpc-0abc")
        #expect(checks.frame[6] == "  [FAIL] ECS cluster  core-infra not found")
        #expect(checks.frame[9].hasPrefix("  |      Namespace"))

        let run = RunSnapshot(phase: .applying, resources: [
            ResourceRow(address: TextLayoutTests.wideAddress, action: "create", state: .inProgress, elapsedSeconds: 3),
        ])
        let panes = render(SampleScreens.run(run), size: TerminalSize(columns: 80, rows: 24), unicode: false)
        let text = panes.frameText
        #expect(text.contains("+- Resources (1) ---"))
        #expect(text.contains("caf\\u{E9}-\\u{65E5}\\u{672C}\"].aws_ecs_service.this    3.0s"))
        for glyph in ["─", "│", "┌", "└", "✔", "✘", "…", "•", "·", "█"] {
            #expect(!text.contains(glyph), "found \(glyph) in an ASCII frame")
        }
        for row in panes.frame {
            #expect(row.unicodeScalars.allSatisfy { $0.isASCII })
        }
    }

    @Test func formIsPureASCIIWithoutUTF8() {
        var screen = SampleScreens.fields
        screen.fields[0].error = "Required."
        screen.fields[1].value = "set"
        screen.fields.append(FormField(id: "pick", label: "Pick", kind: .choice(["one", "two"])))
        screen.busy = "Checking"
        var state = ScreenUIState()
        state.focus = .field("region")
        state.picker = ScreenUIState.Picker(fieldID: "region", filter: "", selection: 0)

        for size in [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 40, rows: 12)] {
            let driver = render(screen, size: size, unicode: false, state: state)
            for row in driver.frame {
                #expect(row.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII in \(row)")
            }
        }
        let wide = render(screen, size: TerminalSize(columns: 80, rows: 24), unicode: false)
        #expect(wide.frameText.contains("[FAIL] Required."))
        #expect(wide.frameText.contains("[********"))
    }

    @Test func wideCharactersKeepColumns() {
        let screen = Screen(id: "c30", title: "日本 café", blocks: [
            .checks([
                CheckRow(id: "a", title: "Service", status: .pass, detail: TextLayoutTests.wideAddress),
                CheckRow(id: "b", title: "Emoji 🚀", status: .warn, detail: "tag 🚀 ok"),
            ]),
        ])
        let driver = render(screen, size: TerminalSize(columns: 80, rows: 24))

        #expect(driver.frame[0] == " Berth · 日本 café")
        #expect(driver.frame[2] == "  ✔ Service   " + TextLayoutTests.wideAddress)
        #expect(driver.frame[3] == "  ! Emoji 🚀  tag 🚀 ok")
        #expect(driver.column(of: "module", row: 2) == 14)
        #expect(driver.column(of: "tag", row: 3) == 14)
    }

    @Test func wideAddressInResourcesPaneKeepsElapsedColumn() throws {
        let run = RunSnapshot(phase: .applying, resources: [
            ResourceRow(address: TextLayoutTests.wideAddress, action: "create", state: .inProgress, elapsedSeconds: 3),
            ResourceRow(address: "aws_iam_role.task", action: "create", state: .inProgress, elapsedSeconds: 4),
        ])
        let driver = render(SampleScreens.run(run), size: TerminalSize(columns: 80, rows: 24))

        let wideRow = try #require(driver.row(containing: "日本"))
        let plainRow = try #require(driver.row(containing: "aws_iam_role.task"))
        #expect(driver.column(of: "3.0s", row: wideRow) == driver.column(of: "4.0s", row: plainRow))
        #expect(driver.frame[wideRow].contains(TextLayoutTests.wideAddress))
    }

    @Test func paletteWithoutColorsUsesAttributesOnly() {
        #expect(Palette.colorsAllowed(terminalHasColors: true, environment: ["NO_COLOR": "1"]) == false)
        #expect(Palette.colorsAllowed(terminalHasColors: false, environment: [:]) == false)
        #expect(Palette.colorsAllowed(terminalHasColors: true, environment: ["NO_COLOR": ""]) == true)

        let plain = Palette(colors: false)
        for role in TextStyleRole.allCases {
            #expect(plain.attributes(for: role).color == nil, "\(role) has a colour without colours")
        }
        #expect(plain.attributes(for: .error) == Palette.Attributes(bold: true, reverse: true))
        #expect(plain.attributes(for: .warning) == Palette.Attributes(bold: true, underline: true))
        #expect(plain.attributes(for: .focused).reverse)
        #expect(plain.attributes(for: .disabled).dim)
        #expect(Palette(colors: true).attributes(for: .error).color == .red)
    }

    @Test func validationErrorReplacesHelp() throws {
        var screen = SampleScreens.fields
        screen.fields[0].value = "Backend!"
        screen.fields[0].error = "Use lower-case letters, digits and hyphens; \"Backend!\" has \"B\" and \"!\"."
        let driver = render(screen, size: TerminalSize(columns: 80, rows: 24))

        #expect(!driver.frameText.contains("Lower-case letters, digits and hyphens."))
        let errorRow = try #require(driver.row(containing: "Use lower-case"))
        #expect(errorRow == 5)
        #expect(driver.frame[5].hasPrefix("                  ✘ Use lower-case letters"))
        #expect(driver.style(row: 5, column: 18) == .error)
        #expect(driver.frameText.contains("Stored in Secrets Manager, never on disk."))
    }

    @Test func continueDisabledWhileFieldHasError() throws {
        var screen = SampleScreens.fields
        screen.fields[2].error = "Pick a region."
        let driver = render(screen, size: TerminalSize(columns: 80, rows: 24))

        let column = try #require(driver.column(of: "[ Continue ]", row: 22))
        #expect(driver.style(row: 22, column: column) == .disabled)
        let backColumn = try #require(driver.column(of: "[ Back ]", row: 22))
        #expect(driver.style(row: 22, column: backColumn) == .normal)
    }

    @Test func secretValueFromWizardIsNeverDrawn() {
        var screen = SampleScreens.fields
        screen.fields[1].value = "ghp_wizardCopyOfTheToken"
        let driver = render(screen, size: TerminalSize(columns: 80, rows: 24))

        #expect(!driver.frameText.contains("ghp_"))
        #expect(driver.frame[7] == "  GitHub token *  [••••••••                                          ]")
    }

    @Test func confirmationDialogNamesTheAction() {
        let screen = Screen(id: "plan-review", title: "Review the plan", blocks: [.paragraph("Plan: 12 to add, 0 to change, 0 to destroy.", .normal)], actions: [
            ScreenAction(id: "back", label: "Back"),
            ScreenAction(id: "apply", label: "Apply", confirmation: "Create 12 resources in account 123456789012 (us-west-2) with terraform apply.", isDefault: true),
        ])
        var state = ScreenUIState()
        state.dialog = .confirm(actionID: "apply")
        let driver = render(screen, size: TerminalSize(columns: 80, rows: 24), state: state)

        let text = driver.frameText
        #expect(text.contains("┌─ Apply? ─"))
        #expect(text.contains("Create 12 resources in account 123456789012 (us-west-2) with"))
        #expect(text.contains("terraform apply."))
        #expect(text.contains("[ n: No ]  [ y: Yes ]"))
        #expect(driver.frame[23] == "  y/Enter confirm  n/Esc cancel")
    }

    @Test func pickerFiltersAndCounts() {
        var state = ScreenUIState()
        state.focus = .field("region")
        state.picker = ScreenUIState.Picker(fieldID: "region", filter: "west", selection: 1)
        let driver = render(SampleScreens.fields, size: TerminalSize(columns: 80, rows: 24), state: state)

        let text = driver.frameText
        #expect(text.contains("Filter: west_"))
        #expect(text.contains("2 of 3"))
        #expect(text.contains("› eu-west-1"))
        #expect(text.contains("  us-west-2"))
        #expect(!text.contains("us-east-1"))
    }

    @Test func busyLineShowsSpinner() {
        var screen = SampleScreens.checks
        screen.busy = "Checking core-infra"
        let driver = RecordingDriver(size: TerminalSize(columns: 80, rows: 24))
        ScreenView(screen: screen, state: ScreenUIState(), spinnerFrame: 1).render(on: driver)

        #expect(driver.frame[21] == "  ⠙ Checking core-infra")
    }
}
