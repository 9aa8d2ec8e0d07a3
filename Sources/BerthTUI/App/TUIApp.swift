import BerthWizard
import Foundation

/// The full-screen event loop: draws the source's screen, reads keys and
/// sends intents back until the source is finished.
///
/// Redraws are coalesced: `onChange` only sets a dirty flag and wakes the
/// loop, and changes are drawn at most `maximumFramesPerSecond` times a
/// second (a key press draws at once). The thread that reports a change
/// never draws, so a fast stream of Terraform events does not wait on the terminal.
public final class TUIApp {
    /// The maximum number of frames drawn per second for changes of the source.
    public static let maximumFramesPerSecond = 30
    /// How often the spinner moves while something runs.
    public static let spinnerFramesPerSecond = 8

    private let driver: TerminalDriver
    private let source: ScreenSource
    private let now: () -> Double
    private let lock = NSLock()
    private var dirty = true
    private var stopRequested = false
    private var states: [String: ScreenUIState] = [:]
    private var layouts: [String: ScreenView.Layout] = [:]
    private var lastFrameTime = -Double.infinity
    private var lastScreenID: String?
    /// The screen of the last frame; building a screen can copy a whole run, so it is fetched once per frame.
    private var lastScreen: Screen?

    /// Creates the loop; `now` returns seconds on a monotonic clock and is a parameter so tests control time.
    public init(driver: TerminalDriver, source: ScreenSource, now: @escaping () -> Double = TUIApp.monotonicSeconds) {
        self.driver = driver
        self.source = source
        self.now = now
    }

    /// Seconds from a monotonic clock.
    public static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
    }

    /// Runs until the source is finished, input ends or `stop()` is called.
    /// The first frame is drawn at once, before any check has returned.
    public func run() {
        source.onChange = { [weak self] in
            self?.markDirty()
        }
        defer { source.onChange = nil }

        drawFrame()
        source.firstFrameDrawn()
        while !shouldStop() {
            let key = driver.readKey(timeoutMilliseconds: nextTimeout())
            if let key {
                handle(key)
            }
            if key == .endOfInput {
                // The terminal is gone: the wizard was sent `.quit`, and nothing more can be read or drawn.
                break
            }
            if shouldStop() {
                break
            }
            if isDirty() || needsAnimation() {
                if now() - lastFrameTime >= 1.0 / Double(Self.maximumFramesPerSecond) || key != nil {
                    drawFrame()
                }
            }
        }
    }

    /// Ends `run()` from any thread.
    public func stop() {
        lock.lock()
        stopRequested = true
        lock.unlock()
        driver.wake()
    }

    /// Returns the local UI state of the screen with `screenID`.
    public func uiState(for screenID: String) -> ScreenUIState? {
        states[screenID]
    }

    private func markDirty() {
        lock.lock()
        let wasDirty = dirty
        dirty = true
        lock.unlock()
        if !wasDirty {
            driver.wake()
        }
    }

    private func isDirty() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return dirty
    }

    private func shouldStop() -> Bool {
        lock.lock()
        let stop = stopRequested
        lock.unlock()
        return stop || source.isFinished
    }

    private func handle(_ key: Key) {
        let screen = source.screen
        var state = states[screen.id] ?? ScreenUIState()
        let layout = layouts[screen.id] ?? ScreenView.Layout()

        if key == .controlL, let curses = driver as? CursesDriver {
            curses.repaintAll()
        }

        // Below the minimum size only Ctrl-C does anything: the person cannot see what a key would do.
        if layout.tooSmall && key != .controlC && key != .resize && key != .endOfInput {
            return
        }

        let intents = KeyHandler(screen: screen, layout: layout).handle(key, state: &state)
        states[screen.id] = state
        markDirty()

        for intent in intents {
            source.handle(intent)
        }
    }

    private func drawFrame() {
        lock.lock()
        dirty = false
        lock.unlock()

        let screen = source.screen

        // Text typed on a screen the wizard has left is dropped, so a secret does not outlive its field.
        if let previous = lastScreenID, previous != screen.id {
            states[previous]?.editBuffers = [:]
            states[previous]?.cursors = [:]
        }
        lastScreenID = screen.id
        lastScreen = screen

        // The focus is resolved when drawn and when a key arrives, never stored here: a button
        // disabled or removed while the wizard is busy must not move the focus for good.
        var state = states[screen.id] ?? ScreenUIState()
        if let picker = state.picker, !screen.fields.contains(where: { $0.id == picker.fieldID }) {
            state.picker = nil
        }
        if case .confirm(let actionID)? = state.dialog, !screen.actions.contains(where: { $0.id == actionID && FocusOrder.isEnabled($0, on: screen) }) {
            state.dialog = nil
        }

        let frame = Int(now() * Double(Self.spinnerFramesPerSecond))
        let layout = ScreenView(screen: screen, state: state, spinnerFrame: frame).render(on: driver)
        state.bodyScroll = layout.bodyScroll
        states[screen.id] = state
        layouts[screen.id] = layout
        lastFrameTime = now()
    }

    /// Returns whether a spinner is on screen, so frames are drawn even without changes.
    private func needsAnimation() -> Bool {
        guard let screen = lastScreen else { return false }
        if screen.busy != nil {
            return true
        }
        for block in screen.blocks {
            switch block {
            case .checks(let rows) where rows.contains(where: { $0.status == .running }):
                return true
            case .run(let snapshot) where snapshot.resources.contains(where: { $0.state == .inProgress }):
                return true
            default:
                continue
            }
        }
        return false
    }

    private func nextTimeout() -> Int {
        let frameInterval = 1.0 / Double(Self.maximumFramesPerSecond)
        if isDirty() {
            return max(Int(((lastFrameTime + frameInterval) - now()) * 1000), 0)
        }
        if needsAnimation() {
            return 1000 / Self.spinnerFramesPerSecond
        }
        return 1000
    }
}
