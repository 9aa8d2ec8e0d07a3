import BerthTerraform
import BerthTUI
import BerthWizard

/// Draws a run the way the wizard's apply screen does, so tests of real runs can assert on
/// what a person would read.
enum RunScreen {
    static func text(_ snapshot: RunSnapshot, size: TerminalSize = TerminalSize(columns: 200, rows: 50)) -> String {
        let screen = Screen(id: "apply", title: "Apply", stepNumber: 10, stepCount: 11, blocks: [.run(snapshot)], actions: [])
        let driver = RecordingDriver(size: size)
        _ = ScreenView(screen: screen, state: ScreenUIState()).render(on: driver)
        return driver.frameText
    }
}
