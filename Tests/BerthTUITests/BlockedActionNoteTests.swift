import BerthTUI
import BerthWizard
import Testing

/// A button blocked by field errors is drawn disabled, with a line that names the fields.
@Suite struct BlockedActionNoteTests {
    @Test func reviewBlockedByErrorsExplained() {
        let screen = Screen(id: "fields", title: "Variables", fields: [
            FormField(id: "cpu", label: "cpu", value: "3", required: true, error: "cpu 3 is not a Fargate size."),
            FormField(id: "memory", label: "memory", value: "1", required: true, error: "memory 1 does not fit cpu 3."),
            FormField(id: "namespace", label: "namespace", value: "default"),
        ], actions: [ScreenAction(id: "next", label: "Review", isDefault: true)])
        let driver = RecordingDriver(size: TerminalSize(columns: 80, rows: 24), keys: [])
        let app = TUIApp(driver: driver, source: FakeScreenSource(screen), now: { 0 })
        driver.onIdle = { app.stop() }
        app.run()

        let noteRow = try? #require(driver.frame.firstIndex { $0.contains("Fix 2 fields before Review: cpu, memory") }, "frame:\n\(driver.frameText)")
        #expect(noteRow == 21)
        let buttonRow = driver.frame[22]
        let column = buttonRow.range(of: "[ Review ]").map { buttonRow.distance(from: buttonRow.startIndex, to: $0.lowerBound) }
        #expect(column.map { driver.style(row: 22, column: $0 + 2) } == .disabled)
    }

    @Test func noNoteWithoutErrors() {
        let screen = Screen(id: "fields", title: "Variables", fields: [
            FormField(id: "cpu", label: "cpu", value: "256", required: true),
        ], actions: [ScreenAction(id: "next", label: "Review", isDefault: true)])
        let driver = RecordingDriver(size: TerminalSize(columns: 80, rows: 24), keys: [])
        let app = TUIApp(driver: driver, source: FakeScreenSource(screen), now: { 0 })
        driver.onIdle = { app.stop() }
        app.run()

        #expect(!driver.frameText.contains("before Review"))
    }
}
