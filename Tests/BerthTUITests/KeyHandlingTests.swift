import BerthTUI
import BerthTerraform
import BerthWizard
import Testing

/// A clock a test moves by hand.
final class ManualClock: @unchecked Sendable {
    var seconds = 100.0
}

/// Runs the UI loop over `source` with scripted `keys`, stopping when the keys run out.
@discardableResult
func runLoop(_ source: FakeScreenSource, keys: [Key], size: TerminalSize = TerminalSize(columns: 80, rows: 24), clock: ManualClock = ManualClock()) -> RecordingDriver {
    let driver = RecordingDriver(size: size, keys: keys)
    let app = TUIApp(driver: driver, source: source, now: { clock.seconds })
    driver.onIdle = { app.stop() }
    app.run()
    return driver
}

@Suite struct KeyHandlingTests {
    @Test func typingSendsSetFieldAndTabCommits() {
        let source = FakeScreenSource(SampleScreens.fields)
        runLoop(source, keys: [.character("-"), .character("x"), .backspace, .tab])

        #expect(source.intents == [
            .setField(id: "service_name", value: "backend-"),
            .setField(id: "service_name", value: "backend-x"),
            .setField(id: "service_name", value: "backend-"),
            .commitField(id: "service_name"),
        ])
    }

    @Test func controlUClearsTextField() {
        let source = FakeScreenSource(SampleScreens.fields)
        runLoop(source, keys: [.left, .controlU, .character("a"), .tab])

        #expect(source.intents == [
            .setField(id: "service_name", value: ""),
            .setField(id: "service_name", value: "a"),
            .commitField(id: "service_name"),
        ])
    }

    @Test func textFieldHelpLineNamesControlU() {
        let source = FakeScreenSource(SampleScreens.fields)
        let driver = runLoop(source, keys: [])

        #expect(driver.frame[23].contains("Ctrl-U clear"), "help line: \(driver.frame[23])")
    }

    @Test func cursorKeysEditInsideText() {
        let source = FakeScreenSource(SampleScreens.fields)
        let driver = runLoop(source, keys: [.left, .left, .character("X"), .home, .character("Y"), .end, .backspace, .home, .delete, .right, .right])

        #expect(source.intents == [
            .setField(id: "service_name", value: "backeXnd"),
            .setField(id: "service_name", value: "YbackeXnd"),
            .setField(id: "service_name", value: "YbackeXn"),
            .setField(id: "service_name", value: "backeXn"),
        ])
        // The cursor sits on "c" (two right moves from the start), drawn without the focus style.
        #expect(driver.frame[4].hasPrefix("  Service name *  [backeXn "))
        #expect(driver.style(row: 4, column: 21) == .normal)
        #expect(driver.style(row: 4, column: 20) == .focused)
    }

    @Test func longTextScrollsToCursor() {
        var screen = SampleScreens.fields
        screen.fields[0].value = String(repeating: "a", count: 60) + "END"
        let source = FakeScreenSource(screen)
        let driver = runLoop(source, keys: [])

        #expect(driver.frame[4].hasSuffix("aaaEND ]"))
        #expect(driver.frame[4].hasPrefix("  Service name *  […aaa"))
    }

    @Test func escapeGoesBackAndControlCInterrupts() {
        let source = FakeScreenSource(SampleScreens.checks)
        runLoop(source, keys: [.escape, .controlC])

        #expect(source.intents == [.back, .interrupt])
    }

    @Test func escapeOnFieldCommitsThenGoesBack() {
        let source = FakeScreenSource(SampleScreens.fields)
        runLoop(source, keys: [.escape])

        #expect(source.intents == [.commitField(id: "service_name"), .back])
    }

    @Test func confirmationNeedsYes() {
        let screen = Screen(id: "plan-review", title: "Review the plan", actions: [
            ScreenAction(id: "back", label: "Back"),
            ScreenAction(id: "apply", label: "Apply", confirmation: "Create 12 resources with terraform apply.", isDefault: true),
        ])
        let source = FakeScreenSource(screen)
        let driver = runLoop(source, keys: [.enter, .character("n"), .enter, .escape, .enter, .character("y")])

        #expect(source.intents == [.activate(actionID: "apply")])
        #expect(driver.history.contains { $0.contains("Create 12 resources with terraform apply.") })
        #expect(!driver.frameText.contains("Create 12 resources"))
    }

    @Test func buttonsActivateInDrawnOrder() {
        let source = FakeScreenSource(SampleScreens.checks)
        runLoop(source, keys: [.enter, .tab, .enter, .left, .character(" ")])

        // Continue is disabled, so focus starts on Back and Tab reaches Check again.
        #expect(source.intents == [.back, .activate(actionID: "recheck"), .back])
    }

    @Test func disabledActionIsSkippedAndNotActivated() {
        var screen = SampleScreens.fields
        screen.fields[0].error = "Required."
        let source = FakeScreenSource(screen)
        runLoop(source, keys: [.tab, .tab, .tab, .enter, .tab, .enter])

        // Tab order: service_name, github_token, region, Back (Continue is disabled), then around again.
        #expect(source.intents == [
            .commitField(id: "service_name"),
            .commitField(id: "github_token"),
            .commitField(id: "region"),
            .back,
            .commitField(id: "service_name"),
        ])

        var state = ScreenUIState()
        state.focus = .action("continue")
        let intents = KeyHandler(screen: screen, layout: ScreenView.Layout()).handle(.enter, state: &state)
        #expect(!intents.contains(.activate(actionID: "continue")))
        #expect(state.focus == .field("github_token"))
    }

    @Test func pickerFiltersAndSelects() {
        let source = FakeScreenSource(SampleScreens.fields)
        let driver = runLoop(source, keys: [.tab, .tab, .character("e"), .character("u"), .enter])

        #expect(source.intents == [
            .commitField(id: "service_name"),
            .commitField(id: "github_token"),
            .setField(id: "region", value: "eu-west-1"),
            .commitField(id: "region"),
        ])
        #expect(driver.history.contains { $0.contains("1 of 3") })
    }

    @Test func pickerEscapeClosesWithoutChange() {
        let source = FakeScreenSource(SampleScreens.fields)
        runLoop(source, keys: [.tab, .tab, .enter, .down, .escape])

        #expect(source.intents == [.commitField(id: "service_name"), .commitField(id: "github_token")])
    }

    @Test func toggleSendsNewValue() {
        let screen = Screen(id: "options", title: "Options", fields: [FormField(id: "enable_exec", label: "ECS Exec", kind: .toggle, value: "false")])
        let source = FakeScreenSource(screen)
        runLoop(source, keys: [.character(" ")])

        #expect(source.intents == [.setField(id: "enable_exec", value: "true"), .commitField(id: "enable_exec")])
    }

    @Test func typedSecretIsSentButNeverDrawn() {
        let source = FakeScreenSource(SampleScreens.fields)
        let secret = "ghp_S3cretT0ken"
        let driver = runLoop(source, keys: [.tab] + secret.map { Key.character($0) } + [.tab])

        #expect(source.intents.contains(.setField(id: "github_token", value: secret)))
        #expect(source.intents.last == .commitField(id: "github_token"))
        #expect(driver.history.count > secret.count)
        for frame in driver.history {
            #expect(!frame.contains("ghp_"))
            #expect(!frame.contains("S3cret"))
        }
        #expect(driver.history.contains { $0.contains("[•••••••••••••••  ") })
    }

    @Test func typedTextDroppedWhenScreenChanges() throws {
        let source = FakeScreenSource(SampleScreens.fields)
        source.react = { intent, source in
            if intent == .setField(id: "github_token", value: "ghp_x") {
                source.update { $0 = SampleScreens.checks }
            }
        }
        let driver = RecordingDriver(size: TerminalSize(columns: 80, rows: 24), keys: [.tab] + "ghp_x".map { Key.character($0) })
        let app = TUIApp(driver: driver, source: source, now: { 0 })
        driver.onIdle = { app.stop() }
        app.run()

        let state = try #require(app.uiState(for: "fields"))
        #expect(state.editBuffers.isEmpty)
        #expect(driver.frame[0].contains("Core infrastructure"))
    }

    @Test func stateDescriptionHidesTypedText() {
        var state = ScreenUIState()
        state.editBuffers["github_token"] = "ghp_S3cretT0ken"

        #expect(state.description.contains("github_token"))
        #expect(!state.description.contains("S3cret"))
    }

    @Test func questionMarkOpensFieldHelp() {
        var screen = SampleScreens.fields
        screen.fields[2].help = "The region where core-infra was deployed."
        let source = FakeScreenSource(screen)
        let driver = runLoop(source, keys: [.tab, .tab, .character("?")])

        #expect(driver.frameText.contains("The region where core-infra was deployed."))
        #expect(driver.frameText.contains("─ Region ─"))
        #expect(source.intents == [.commitField(id: "service_name"), .commitField(id: "github_token")])
    }

    @Test func functionKeyOpensHelpInTextField() {
        let source = FakeScreenSource(SampleScreens.fields)
        let driver = runLoop(source, keys: [.character("?"), .function(1)])

        #expect(source.intents == [.setField(id: "service_name", value: "backend?")])
        #expect(driver.frameText.contains("Service name (required)"))
    }

    @Test func loopEndsWhenSourceFinishes() {
        let source = FakeScreenSource(SampleScreens.checks)
        source.react = { intent, source in
            if intent == .back {
                source.update { $0 = Screen(id: "exit", title: "Bye") }
            }
        }
        let driver = RecordingDriver(size: TerminalSize(columns: 80, rows: 24), keys: [.escape, .controlC])
        var idleCalls = 0
        let app = TUIApp(driver: driver, source: source, now: { 0 })
        driver.onIdle = {
            idleCalls += 1
            app.stop()
        }
        app.run()

        #expect(source.intents == [.back])
        #expect(idleCalls == 0)
        #expect(driver.history.first?.contains("Core infrastructure") == true)
    }

    @Test func endOfInputQuitsAndEndsLoop() {
        let source = FakeScreenSource(SampleScreens.checks)
        let driver = RecordingDriver(size: TerminalSize(columns: 80, rows: 24), keys: [.endOfInput, .escape])
        let app = TUIApp(driver: driver, source: source, now: { 0 })
        var idleCalls = 0
        driver.onIdle = {
            idleCalls += 1
            app.stop()
        }
        app.run()

        #expect(source.intents == [.quit])
        #expect(idleCalls == 0)
    }

    @Test func firstFrameDrawnBeforeAnyKey() {
        let source = FakeScreenSource(SampleScreens.checks)
        let driver = RecordingDriver(size: TerminalSize(columns: 80, rows: 24))
        let app = TUIApp(driver: driver, source: source, now: { 0 })
        var framesAtFirstRead = -1
        driver.onIdle = {
            framesAtFirstRead = driver.refreshCount
            app.stop()
        }
        app.run()

        #expect(framesAtFirstRead == 1)
    }

    @Test func changesAreCoalescedIntoOneFrame() {
        let source = FakeScreenSource(SampleScreens.checks)
        let clock = ManualClock()
        let driver = RecordingDriver(size: TerminalSize(columns: 80, rows: 24))
        let app = TUIApp(driver: driver, source: source, now: { clock.seconds })
        var step = 0
        driver.onIdle = {
            step += 1
            switch step {
            case 1:
                for index in 0..<100 {
                    source.update { $0.title = "Change \(index)" }
                }
            case 2:
                clock.seconds += 0.05
            default:
                app.stop()
            }
        }
        app.run()

        #expect(driver.refreshCount == 2)
        #expect(driver.frame[0].contains("Change 99"))
    }

    @Test func resizeRelaysOut() {
        let snapshot = RunSnapshot(phase: .applying, resources: [ResourceRow(address: "a.b", action: "create", state: .inProgress)], log: ["started"])
        let source = FakeScreenSource(SampleScreens.run(snapshot))
        let driver = RecordingDriver(size: TerminalSize(columns: 80, rows: 24))
        let app = TUIApp(driver: driver, source: source, now: { 0 })
        var frames: [[String]] = []
        var step = 0
        driver.onIdle = {
            step += 1
            frames.append(driver.frame)
            switch step {
            case 1: driver.resize(to: TerminalSize(columns: 120, rows: 30))
            case 2: driver.resize(to: TerminalSize(columns: 30, rows: 10))
            case 3: driver.enqueue([.escape])
            case 4: driver.resize(to: TerminalSize(columns: 80, rows: 24))
            default: app.stop()
            }
        }
        app.run()

        #expect(frames[0].count == 24)
        #expect(frames[1].count == 30)
        let wideResources = frames[1].firstIndex { $0.contains("Resources (1)") }
        #expect(wideResources != nil)
        #expect(wideResources == frames[1].firstIndex { $0.contains("─ Log ─") })
        #expect(frames[2].count == 10)
        #expect(frames[2].joined().contains("Terminal too small"))
        #expect(source.intents.isEmpty, "a key pressed while the screen was too small reached the wizard")
        #expect(frames[4].count == 24)
        #expect(frames[4][0].contains("Apply"))
    }
}
