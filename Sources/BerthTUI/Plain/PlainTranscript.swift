import BerthTerraform
import BerthWizard
import Foundation

/// The lines a plain-mode renderer prints: each screen once, each run as it grows, and a
/// "still working" line after `stillWorkingInterval` seconds of silence during a long wait.
/// Every line is masked for tokens and keys, and shows invisible characters as `\u{…}`,
/// before it reaches `output`.
final class PlainTranscript {
    private let output: (String) -> Void
    private let now: () -> Date
    private let stillWorkingInterval: TimeInterval
    private let blankLineBeforeRun: Bool

    private var printedSignature: String?
    private var progress = PlainRunProgress()
    private var lastOutputAt: Date

    /// With `blankLineBeforeRun`, a run's heading follows an empty line, which sets it apart
    /// where screens are printed without questions between them.
    init(output: @escaping (String) -> Void, now: @escaping () -> Date, stillWorkingInterval: TimeInterval, blankLineBeforeRun: Bool) {
        self.output = output
        self.now = now
        self.stillWorkingInterval = stillWorkingInterval
        self.blankLineBeforeRun = blankLineBeforeRun
        self.lastOutputAt = now()
    }

    func say(_ line: String) {
        output(Self.printable(line))
        lastOutputAt = now()
    }

    /// Writes a prompt, which does not count as output for the "still working" line.
    func prompt(_ text: String) {
        output(Self.printable(text))
    }

    static func printable(_ text: String) -> String {
        InvisibleCharacters.escaped(TokenPattern.mask(text))
    }

    /// Prints `screen` unless the same screen was the last one printed.
    func printIfNew(_ screen: Screen) {
        let signature = PlainScreenText.signature(screen)
        guard signature != printedSignature else { return }
        printedSignature = signature
        for line in PlainScreenText.lines(for: screen) {
            say(line)
        }
    }

    /// Makes the next `printIfNew` print its screen even when it has not changed.
    func forgetPrintedScreen() {
        printedSignature = nil
    }

    /// Prints what is new in the screen's run, if it shows one.
    func reportProgress(_ screen: Screen) {
        let run = screen.blocks.compactMap { block -> RunSnapshot? in
            if case .run(let snapshot) = block { return snapshot }
            return nil
        }.first
        guard let run else { return }

        if progress.screenID != screen.id {
            progress = PlainRunProgress()
            progress.screenID = screen.id
            if blankLineBeforeRun {
                say("")
            }
            say("== Step \(screen.stepNumber) of \(screen.stepCount): \(screen.title)")
        }
        let lines = progress.newLines(for: run)
        for line in lines {
            say(line)
        }
        if lines.isEmpty, screen.busy != nil, now().timeIntervalSince(lastOutputAt) >= stillWorkingInterval {
            say("… still working (\(Int(run.elapsedSeconds))s elapsed)")
        }
    }
}
