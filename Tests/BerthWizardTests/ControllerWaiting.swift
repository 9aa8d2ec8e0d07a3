import BerthTestSupport
import BerthWizard
import Foundation

/// Waits until `condition` holds for `controller`, testing it again on every change, and
/// throws with the last screen after `timeout` seconds. `what` names the wait in that error.
func wait(for controller: WizardController, _ what: String, timeout: TimeInterval = 60, until condition: @escaping (WizardController) -> Bool) throws {
    let changed = DispatchSemaphore(value: 0)
    controller.onChange = { changed.signal() }
    defer { controller.onChange = nil }

    let deadline = Date().addingTimeInterval(timeout)
    while !condition(controller) {
        guard Date() < deadline else {
            throw RigError("timed out waiting for \(what); screen: \(controller.screen)")
        }
        _ = changed.wait(timeout: .now() + 0.5)
    }
}
