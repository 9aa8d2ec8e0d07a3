import BerthWizard

/// The source of screens for the full-screen renderer and the receiver of its
/// intents. The wizard's `WizardController` conforms to it.
public protocol ScreenSource: AnyObject {
    /// A thread-safe copy of the current screen.
    var screen: Screen { get }
    /// Receives what the person asked for; called on the UI thread.
    func handle(_ intent: WizardIntent)
    /// Called from any thread whenever `screen` changed.
    var onChange: (() -> Void)? { get set }
    /// True when the flow is over and the UI loop should return. Defaults to `screen.id == "exit"`.
    var isFinished: Bool { get }
    /// Called on the UI thread once the first frame is on the terminal, for work that can wait until then.
    func firstFrameDrawn()
}

extension ScreenSource {
    /// The screen id that ends the UI loop when a source does not implement `isFinished`.
    public static var exitScreenID: String { "exit" }

    public var isFinished: Bool {
        screen.id == Self.exitScreenID
    }

    public func firstFrameDrawn() {}
}
