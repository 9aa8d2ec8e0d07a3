#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BerthTUI
import BerthWizard
import Foundation

/// Signal handling for the line modes (`--plain` and `--answers`), matching what
/// `TerminalGuard` does for the full screen.
///
/// Terraform runs in its own process group, so a closed terminal's SIGHUP and a
/// `kill` reach Berth only: Berth must pass the stop on. Ctrl-C (SIGINT) makes the
/// wizard stop a run safely or show the quit question, and wakes a prompt that waits for a line.
/// SIGTERM and SIGHUP send Terraform one interrupt, wait for it to stop (bounded by
/// `WizardController.stopRunForExit`), print what finished, then end Berth with
/// the status a shell gives for that signal (128 + its number).
enum LineModeSignals {
    /// Installs the handlers and returns their sources, which must stay alive.
    static func install(controller: WizardController, folder: URL, log: BerthLog, wakeInput: @escaping () -> Void) -> [DispatchSourceSignal] {
        var sources: [DispatchSourceSignal] = []
        signal(SIGINT, SIG_IGN)
        let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupts.setEventHandler {
            controller.handle(.interrupt)
            wakeInput()
        }
        interrupts.resume()
        sources.append(interrupts)

        for signalNumber in [SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                // A repeated signal changes nothing: the first one's stop is already bounded.
                guard TerminalGuard.shared.beginStopping() else { return }
                // The log gets every line too: after a hang-up no terminal shows them.
                let say = { (line: String) in
                    complain(line)
                    log.write(line)
                }
                if controller.isRunning {
                    say("berth: stopping (signal \(signalNumber)); waiting for Terraform to finish in-flight resources.")
                }
                controller.stopRunForExit()
                StopReport.lines(run: controller.lastRun, folder: folder).forEach(say)
                finish(128 + signalNumber, fromSignal: true)
            }
            source.resume()
            sources.append(source)
        }
        return sources
    }
}
