import BerthTerraform
import Foundation

/// The screen of `berth view FILE`: a saved `-json` stream drawn in the same
/// progress panes as a live run, with one action, "Close".
///
/// It has the members of the full-screen app's `ScreenSource`; the `berth`
/// executable declares the conformance, as BerthWizard does not import BerthTUI.
public final class ReplayScreenSource: @unchecked Sendable {
    /// The id of the one action; Enter, Esc, q and Ctrl-C close the view too.
    public static let closeActionID = "close"

    private let lock = NSLock()
    private var finished = false
    private let base: Screen

    /// Called from any thread whenever `screen` changed.
    public var onChange: (() -> Void)?

    /// Shows `snapshot`, the replay of the file named `fileName`.
    public init(fileName: String, snapshot: RunSnapshot) {
        base = Screen(
            id: "view",
            title: "Saved run: \(fileName)",
            blocks: [
                .run(snapshot),
                .paragraph("Tab moves between the panes, the arrows and PgUp/PgDn scroll them; q, Esc or Enter closes.", .dim),
            ],
            actions: [ScreenAction(id: Self.closeActionID, label: "Close", isDefault: true)]
        )
    }

    /// The screen to draw; the id becomes `exit` once the view is closed.
    public var screen: Screen {
        lock.lock()
        defer { lock.unlock() }
        var screen = base
        if finished {
            screen.id = "exit"
        }
        return screen
    }

    /// True once the person closed the view.
    public var isFinished: Bool {
        lock.lock()
        defer { lock.unlock() }
        return finished
    }

    /// Closes the view on "Close", Back (Esc), quit and interrupt; ignores field edits.
    public func handle(_ intent: WizardIntent) {
        switch intent {
        case .activate(actionID: Self.closeActionID), .back, .quit, .interrupt:
            lock.lock()
            finished = true
            lock.unlock()
            onChange?()
        case .activate, .setField, .commitField:
            break
        }
    }
}
