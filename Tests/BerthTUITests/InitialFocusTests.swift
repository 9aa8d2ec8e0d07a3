import BerthTUI
import BerthWizard
import Testing

/// Where focus starts on a form screen.
@Suite struct InitialFocusTests {
    /// The variables screen: the region is filled by the checks, so typing goes to the first
    /// required field that is still empty.
    @Test func typingReachesFirstEmptyRequiredField() {
        let screen = Screen(id: "fields", title: "Variables", fields: [
            FormField(id: "aws_region", label: "aws_region", value: "us-west-2", help: "", required: true),
            FormField(id: "namespace", label: "namespace", value: "", help: ""),
            FormField(id: "repository_owner", label: "repository_owner", value: "", help: "", required: true),
        ], actions: [ScreenAction(id: "review", label: "Review", isDefault: true)])
        let source = FakeScreenSource(screen)
        let driver = RecordingDriver(size: TerminalSize(columns: 80, rows: 24), keys: [.character("m"), .character("e")])
        let app = TUIApp(driver: driver, source: source, now: { 0 })
        driver.onIdle = { app.stop() }
        app.run()

        #expect(source.intents.contains(.setField(id: "repository_owner", value: "me")), "intents: \(source.intents)")
        #expect(!source.intents.contains { if case .setField(id: "aws_region", _) = $0 { return true } else { return false } })
    }
}
