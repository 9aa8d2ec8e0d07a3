import BerthTUI
import BerthWizard
import Foundation
import Testing

@Suite struct DeferredScreenSourceTests {
    final class RecordingSource: ScreenSource {
        var received: [WizardIntent] = []
        var onChange: (() -> Void)?
        var screen: Screen { Screen(id: "identity", title: "Real") }

        func handle(_ intent: WizardIntent) {
            received.append(intent)
        }
    }

    @Test func placeholderShownUntilBuilt() {
        let gate = DispatchSemaphore(value: 0)
        let source = DeferredScreenSource(placeholder: Screen(id: "welcome", title: "Starting")) { () -> RecordingSource in
            gate.wait()
            return RecordingSource()
        }

        #expect(source.screen.title == "Starting")
        #expect(source.resolved == nil)

        gate.signal()
        #expect(source.waitForSource().screen.title == "Real")
        #expect(source.screen.title == "Real")
    }

    @Test func earlyIntentsReplayedInOrder() {
        let gate = DispatchSemaphore(value: 0)
        let changed = DispatchSemaphore(value: 0)
        let source = DeferredScreenSource(placeholder: Screen(id: "welcome", title: "Starting")) { () -> RecordingSource in
            gate.wait()
            return RecordingSource()
        }
        source.onChange = { changed.signal() }

        source.handle(.activate(actionID: "next"))
        source.handle(.back)
        gate.signal()
        let real = source.waitForSource()

        #expect(changed.wait(timeout: .now() + 5) == .success)
        #expect(real.received == [.activate(actionID: "next"), .back])
        #expect(real.onChange != nil)
    }

    @Test func buildStartsAtFirstFrame() {
        let source = DeferredScreenSource(placeholder: Screen(id: "welcome", title: "Starting")) { () -> RecordingSource in
            RecordingSource()
        }

        #expect(!source.hasStartedBuilding)

        source.firstFrameDrawn()

        #expect(source.hasStartedBuilding)
        #expect(source.waitForSource().screen.title == "Real")
    }

    @Test func appReportsFirstFrameOnceDrawn() {
        let driver = RecordingDriver(size: TerminalSize(columns: 80, rows: 24), keys: [.character("x")])
        let source = FrameCountingSource(driver: driver)
        let app = TUIApp(driver: driver, source: source, now: { 0 })
        driver.onIdle = { app.stop() }

        app.run()

        #expect(source.framesAtFirstFrameDrawn == [1])
        #expect(driver.refreshCount == 2)
    }

    @Test func waitStartsBuildWithoutFrame() {
        let source = DeferredScreenSource(placeholder: Screen(id: "welcome", title: "Starting")) { () -> RecordingSource in
            RecordingSource()
        }

        #expect(source.waitForSource().screen.title == "Real")
    }
}

/// A source that records how many frames the driver had shown each time `firstFrameDrawn` was called.
final class FrameCountingSource: ScreenSource {
    let driver: RecordingDriver
    var framesAtFirstFrameDrawn: [Int] = []
    var onChange: (() -> Void)?
    var screen: Screen { Screen(id: "welcome", title: "Starting") }

    init(driver: RecordingDriver) {
        self.driver = driver
    }

    func handle(_ intent: WizardIntent) {}

    func firstFrameDrawn() {
        framesAtFirstFrameDrawn.append(driver.refreshCount)
    }
}
