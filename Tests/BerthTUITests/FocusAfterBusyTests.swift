import BerthTUI
import BerthWizard
import Testing

/// Focus when an action disappears while the wizard is busy.
@Suite struct FocusAfterBusyTests {
    /// The CodeStar step: after "Create role" is confirmed, the button is disabled while the role
    /// is created, then removed; Enter must then reach the new default, Continue.
    @Test func enterReachesNewDefaultAfterBusyAction() {
        let recheck = ScreenAction(id: "recheck", label: "Check again")
        let offer = Screen(id: "codestar-role", title: "CodeStar role", actions: [
            recheck,
            ScreenAction(id: "next", label: "Continue"),
            ScreenAction(id: "create-role", label: "Create role", confirmation: "Create the role?", isDefault: true),
        ])
        let busy = Screen(id: "codestar-role", title: "CodeStar role", actions: [
            recheck,
            ScreenAction(id: "next", label: "Continue"),
            ScreenAction(id: "create-role", label: "Create role", enabled: false, isDefault: true),
        ], busy: "Creating…")
        let created = Screen(id: "codestar-role", title: "CodeStar role", actions: [
            recheck,
            ScreenAction(id: "next", label: "Continue", isDefault: true),
        ])
        let source = FakeScreenSource(offer)
        source.react = { intent, source in
            if intent == .activate(actionID: "create-role") {
                source.update { $0 = busy }
            }
        }
        let driver = RecordingDriver(size: TerminalSize(columns: 80, rows: 24), keys: [.enter, .character("y")])
        let app = TUIApp(driver: driver, source: source, now: { 0 })
        var idleCalls = 0
        driver.onIdle = {
            idleCalls += 1
            if idleCalls == 1 {
                source.update { $0 = created }
                driver.enqueue([.enter])
            } else {
                app.stop()
            }
        }
        app.run()

        #expect(source.intents == [.activate(actionID: "create-role"), .activate(actionID: "next")])
    }
}
