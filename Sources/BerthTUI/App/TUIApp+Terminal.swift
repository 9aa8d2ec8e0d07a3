import Foundation

extension TUIApp {
    /// Runs the full-screen wizard in the process's terminal and returns once the source is finished.
    ///
    /// Installs `TerminalGuard` (signals, crashes, `atexit`), starts curses
    /// and runs the loop. `onTermination` runs on SIGINT, SIGTERM or SIGHUP
    /// before the terminal is restored: stop Terraform gracefully there and
    /// wait for it. Returns notes to print on the normal screen (such as a TERM
    /// fallback). Throws `CursesDriver.StartError` when no full screen is
    /// possible; the caller then uses the plain line renderer.
    public static func runInTerminal(
        source: ScreenSource,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        onTermination: ((Int32) -> Void)? = nil
    ) throws -> [String] {
        let terminalGuard = TerminalGuard.shared
        terminalGuard.onTermination = onTermination
        terminalGuard.install()

        let driver = try CursesDriver(environment: environment)
        defer { driver.stop() }

        TUIApp(driver: driver, source: source).run()
        return driver.notes
    }
}
