import BerthTerraform
import BerthWizard
import Foundation

/// Runs the wizard as line prompts: prints each screen as text blocks, asks
/// for each field with its current value as the default, offers the actions as
/// a numbered list, and asks confirmations as `y/N` on the terminal only.
/// Terraform runs print one line per change plus a "still working" line at
/// most every `stillWorkingInterval` seconds of silence.
public final class PlainRenderer {
    private let source: WizardController
    private let input: PlainInput
    private let assumeYes: Bool
    private let changed = DispatchSemaphore(value: 0)
    private let transcript: PlainTranscript

    private var promptedFields: [String: Set<String>] = [:]
    private var declined = false

    /// - Parameters:
    ///   - assumeYes: approve confirmations when no terminal can be asked (`--yes`).
    public init(
        source: WizardController,
        input: PlainInput,
        output: @escaping (String) -> Void,
        assumeYes: Bool = false,
        now: @escaping () -> Date = { Date() },
        stillWorkingInterval: TimeInterval = 30
    ) {
        self.source = source
        self.input = input
        self.assumeYes = assumeYes
        self.transcript = PlainTranscript(output: output, now: now, stillWorkingInterval: stillWorkingInterval, blankLineBeforeRun: false)
    }

    /// Runs until the wizard finishes or input ends; returns the exit status.
    public func run() -> Int32 {
        let semaphore = changed
        source.onChange = { semaphore.signal() }
        defer { source.onChange = nil }

        while !source.isFinished {
            let screen = source.screen
            let prompting = screen.actions.contains { $0.id.hasPrefix("prompt.") }
            if screen.busy != nil && !prompting {
                transcript.reportProgress(screen)
                _ = changed.wait(timeout: .now() + 1)
                continue
            }
            transcript.reportProgress(screen)
            transcript.printIfNew(screen)
            // A question such as "Quit Berth?" comes before any field still to ask.
            if !prompting && !askFields(screen) { return finish(inputEnded: true) }
            if source.screen.busy != nil { continue }
            guard let choice = chooseAction(source.screen) else { return finish(inputEnded: true) }
            switch choice {
            case .intent(let intent):
                source.handle(intent)
            case .wait:
                _ = changed.wait(timeout: .now() + 1)
            }
        }
        return finish(inputEnded: false)
    }

    private func finish(inputEnded: Bool) -> Int32 {
        if inputEnded && !source.isFinished {
            transcript.say("Input ended before the wizard finished; nothing more was changed. Run berth on a terminal to continue.")
            source.handle(.quit)
            return 1
        }
        // The controller's outcome sets the status, as in the full screen, so a quit after an
        // unfinished apply is a failure. A confirmation that piped input could not give is one too.
        let status = source.outcome?.exitCode ?? 0
        return declined ? max(status, 1) : status
    }

    // MARK: Screens


    // MARK: Fields

    /// Prompts for each field not yet shown on this screen, and again for fields with an error. Returns false at end of input.
    private func askFields(_ screen: Screen) -> Bool {
        var asked = promptedFields[screen.id] ?? []
        for field in screen.fields where !asked.contains(field.id) || field.error != nil {
            asked.insert(field.id)
            promptedFields[screen.id] = asked
            if field.kind == .secret {
                askSecret(field)
                continue
            }
            if let error = field.error {
                transcript.say("  ! \(field.label): \(error)")
            }
            let marker = field.required ? " (required)" : ""
            transcript.prompt("\(field.label)\(marker) [\(field.value)]: ")
            let line: String
            switch input.readAnswer() {
            case .line(let read):
                line = read
            case .ended:
                return false
            case .interrupted:
                // Ctrl-C leaves the field as it was; it is asked again after the quit question.
                asked.remove(field.id)
                promptedFields[screen.id] = asked
                return true
            }
            let typed = line.trimmingCharacters(in: .whitespaces)
            if !typed.isEmpty && typed != field.value {
                source.handle(.setField(id: field.id, value: typed))
            }
            source.handle(.commitField(id: field.id))
        }
        return true
    }

    private func askSecret(_ field: FormField) {
        guard let value = input.readSecret("\(field.label) (typing is hidden, Enter to skip): ") else {
            transcript.say("  \(field.label) can only be typed on a terminal (never from a pipe or an argument); skipped.")
            return
        }
        if !value.isEmpty {
            source.handle(.setField(id: field.id, value: value))
        }
    }

    // MARK: Actions

    private enum Choice {
        case intent(WizardIntent)
        case wait
    }

    /// Offers the enabled actions; nil at end of input.
    private func chooseAction(_ screen: Screen) -> Choice? {
        let actions = screen.actions.filter(\.enabled)
        guard !actions.isEmpty else { return .wait }

        for (index, action) in actions.enumerated() {
            transcript.say("  \(index + 1). \(action.label)\(action.isDefault ? " (default)" : "")")
        }
        transcript.prompt("Choose 1-\(actions.count), b to go back, q to quit: ")
        let line: String
        switch input.readAnswer() {
        case .line(let read):
            line = read
        case .ended:
            return nil
        case .interrupted:
            // Ctrl-C never picks the default: the wizard now asks whether to quit.
            transcript.say("")
            transcript.forgetPrintedScreen()
            return .wait
        }
        let answer = line.trimmingCharacters(in: .whitespaces).lowercased()

        let action: ScreenAction
        switch answer {
        case "b", "back":
            transcript.forgetPrintedScreen()
            return .intent(.back)
        case "q", "quit":
            return .intent(.interrupt)
        case "":
            guard let preferred = actions.first(where: \.isDefault) else {
                transcript.say("  There is no default here; type a number.")
                return .wait
            }
            action = preferred
        default:
            guard let number = Int(answer), (1...actions.count).contains(number) else {
                transcript.say("  \"\(line)\" is not one of the choices; type a number from 1 to \(actions.count).")
                return .wait
            }
            action = actions[number - 1]
        }

        if let question = action.confirmation, !confirm(question) {
            return .wait
        }
        transcript.forgetPrintedScreen()
        return .intent(.activate(actionID: action.id))
    }

    private func confirm(_ question: String) -> Bool {
        if let answer = input.confirm(question) {
            if !answer { transcript.say("  Not confirmed; nothing was changed.") }
            return answer
        }
        if assumeYes {
            transcript.say("  \(question) yes (--yes)")
            return true
        }
        declined = true
        transcript.say("  \(question)")
        transcript.say("  Not confirmed: there is no terminal to ask, and piped input never approves a change. Run berth on a terminal, or pass --yes.")
        return false
    }
}
