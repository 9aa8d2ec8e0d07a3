import BerthWizard
import Foundation

/// A screen source that shows a placeholder screen at once and builds the real
/// source on a background thread, so the first frame never waits for the folder
/// to be parsed or AWS settings to be resolved. The build starts once the first
/// frame is drawn (or when `waitForSource()` is called first), so it does not compete
/// with start-up for the CPU. Intents that arrive before the real source is ready
/// are kept and handed to it in order.
public final class DeferredScreenSource<Source: ScreenSource>: ScreenSource {
    private let lock = NSLock()
    private let placeholder: Screen
    private var source: Source?
    private var pending: [WizardIntent] = []
    private var changeHandler: (() -> Void)?
    private var build: (() -> Source)?

    /// Keeps `build` for `startBuilding()`; `placeholder` is the screen until the build returns.
    public init(placeholder: Screen, build: @escaping () -> Source) {
        self.placeholder = placeholder
        self.build = build
    }

    /// Whether the build has been started.
    public var hasStartedBuilding: Bool {
        lock.lock()
        defer { lock.unlock() }
        return build == nil
    }

    /// Starts the build on a background thread. Later calls do nothing.
    public func startBuilding() {
        lock.lock()
        let pending = build
        build = nil
        lock.unlock()

        guard let pending else { return }
        Thread.detachNewThread { [weak self] in
            let built = pending()
            self?.install(built)
        }
    }

    /// Starts the build: the placeholder is on the terminal now.
    public func firstFrameDrawn() {
        startBuilding()
    }

    /// The real source once it is built.
    public var resolved: Source? {
        lock.lock()
        defer { lock.unlock() }
        return source
    }

    /// Starts the build if it has not started, waits until it returns and returns the real source.
    public func waitForSource() -> Source {
        startBuilding()
        while true {
            if let source = resolved {
                return source
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
    }

    public var screen: Screen {
        resolved?.screen ?? placeholder
    }

    public func handle(_ intent: WizardIntent) {
        lock.lock()
        guard let source else {
            pending.append(intent)
            lock.unlock()
            return
        }
        lock.unlock()
        source.handle(intent)
    }

    public var onChange: (() -> Void)? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return changeHandler
        }
        set {
            lock.lock()
            changeHandler = newValue
            let current = source
            lock.unlock()
            current?.onChange = newValue
        }
    }

    public var isFinished: Bool {
        resolved?.isFinished ?? false
    }

    private func install(_ built: Source) {
        lock.lock()
        built.onChange = changeHandler
        source = built
        let queued = pending
        pending = []
        let notify = changeHandler
        lock.unlock()

        for intent in queued {
            built.handle(intent)
        }
        notify?()
    }
}
