import Foundation

extension TUIApp {
    /// Runs the full-screen wizard in the process's terminal and returns once the source is finished.
    ///
    /// Installs `TerminalGuard` (signals, crashes, `atexit`), starts curses
    /// and runs the loop. `onTermination` runs on SIGINT, SIGTERM or SIGHUP
    /// before the terminal is restored: stop Terraform gracefully there and
    /// wait for it. Returns notes to print on the normal screen (such as a TERM
    /// fallback). Throws `CursesDriver.StartError` when no full screen is
    /// possible; the caller then uses the plain line renderer. Pass
    /// `terminalPath: "/dev/tty"` to draw on the controlling terminal when
    /// standard input or output is redirected.
    public static func runInTerminal(
        source: ScreenSource,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        terminalPath: String? = nil,
        onTermination: ((Int32) -> Void)? = nil
    ) throws -> [String] {
        let terminalGuard = TerminalGuard.shared
        terminalGuard.onTermination = onTermination
        terminalGuard.install()

        let driver = try CursesDriver(environment: environment, terminalPath: terminalPath)
        defer { driver.stop() }

        TUIApp(driver: driver, source: source).run()
        return driver.notes
    }
}
