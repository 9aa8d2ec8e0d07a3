import BerthTerraform
import BerthWizard
import Foundation

/// Runs the wizard unattended from an answers file, printing plain lines (for CI logs).
///
/// Each screen is printed once its checks have settled. Fields take the file's value for the
/// key named after the field's id, or keep the value shown. An action that changes the account
/// runs only when its key (`AnswerKey.approves`) says so; any question the file does not answer
/// ends the run with exit status 2 and names the key to add. Nothing is ever read from stdin
/// here: the token comes from `token`, asked for only when a secret is to be created.
public final class AnswersRenderer {
    /// The reason a run ends before the wizard finishes, with its exit status.
    struct Stop {
        var status: Int32
        var message: String
    }

    private enum Decision {
        case activate(ScreenAction)
        case back
        case wait
        case stop(Stop)
    }

    /// Actions the answers file approves by existing: writing terraform.tfvars and planning
    /// change nothing in the account, and the values come from the file itself.
    static let navigation = ["next", "write-and-plan", "finish", "core-infra.use-folder", "state.done"]
    /// Actions offered after a Terraform run failed; an unattended run stops there (exit 1).
    static let failedRunActions = ["retry-plan", "core-infra.retry"]

    private let source: WizardController
    private let answers: AnswersFile
    private var token: ((String) -> String?)?
    private let changed = DispatchSemaphore(value: 0)
    private let transcript: PlainTranscript

    private var answeredScreens: Set<String> = []
    /// Fields already filled, as "screen-id field-id", because a screen may show new fields later.
    private var answeredFields: Set<String> = []
    /// How often each action was taken, by screen id and action id.
    private var activations: [String: Int] = [:]
    /// True once the state storage screen wrote the backend that `state_storage = "s3"` requests.
    private var stateStorageDone = false
    /// Whether the file changed any S3 field from the value shown. The fields show the folder's
    /// current backend when it has one. Nil before the fields were filled.
    private var stateFieldsChanged: Bool?

    /// - Parameters:
    ///   - token: returns the GitHub token for the named secret, from the terminal or `--token-stdin`.
    ///     It is called at most once, and only to create the secret or replace its value.
    ///   - output: receives each line; lines are masked for tokens and keys first.
    public init(
        source: WizardController,
        answers: AnswersFile,
        token: @escaping (_ secretName: String) -> String?,
        output: @escaping (String) -> Void,
        now: @escaping () -> Date = { Date() },
        stillWorkingInterval: TimeInterval = 30
    ) {
        self.source = source
        self.answers = answers
        self.token = token
        self.transcript = PlainTranscript(output: output, now: now, stillWorkingInterval: stillWorkingInterval, blankLineBeforeRun: true)
    }

    /// Runs until the wizard finishes or reaches a question the file does not answer. Returns
    /// the exit status: 0 done, 1 a check or Terraform failed, 2 the answers file does not fit.
    public func run() -> Int32 {
        let semaphore = changed
        source.onChange = { semaphore.signal() }
        defer { source.onChange = nil }

        while !source.isFinished {
            let screen = source.screen
            transcript.reportProgress(screen)
            if screen.busy != nil {
                _ = changed.wait(timeout: .now() + 1)
                continue
            }
            transcript.printIfNew(screen)
            if !answeredScreens.contains(screen.id) || screen.fields.contains(where: { !answeredFields.contains("\(screen.id) \($0.id)") && $0.kind != .secret }) {
                if let stop = answerFields(screen) { return end(stop) }
                continue
            }

            switch decide(screen) {
            case .activate(let action):
                activations["\(screen.id) \(action.id)", default: 0] += 1
                transcript.forgetPrintedScreen()
                source.handle(.activate(actionID: action.id))
            case .back:
                transcript.forgetPrintedScreen()
                source.handle(.back)
            case .wait:
                _ = changed.wait(timeout: .now() + 1)
            case .stop(let stop):
                return end(stop)
            }
        }

        switch source.outcome {
        case .deployed?: return 0
        case .failed?: return 1
        case .quit?, nil: return 1
        }
    }

    private func end(_ stop: Stop) -> Int32 {
        transcript.say(stop.message)
        source.handle(.quit)
        return stop.status
    }

    // MARK: Fields

    /// Sets each field not answered yet from the file or keeps its value. Returns a stop when a
    /// required field has neither.
    private func answerFields(_ screen: Screen) -> Stop? {
        answeredScreens.insert(screen.id)
        var changed = false
        defer {
            if screen.id == StateStorageIDs.open, !screen.fields.isEmpty {
                stateFieldsChanged = (stateFieldsChanged ?? false) || changed
            }
        }
        for field in screen.fields where field.kind != .secret && !answeredFields.contains("\(screen.id) \(field.id)") {
            answeredFields.insert("\(screen.id) \(field.id)")
            let key = AnswerKey.name(forField: field.id)
            if let entry = answers.entry(key) {
                transcript.say("  \(key) = \(entry.typed)  (\(answers.location(of: key)))")
                if entry.typed != field.value {
                    changed = true
                    source.handle(.setField(id: field.id, value: entry.typed))
                }
            } else if field.value.trimmingCharacters(in: .whitespaces).isEmpty && field.required {
                return missing(key, on: screen, help: field.help)
            } else {
                transcript.say("  \(key) = \(field.value)  (kept: not in \(answers.path))")
            }
            source.handle(.commitField(id: field.id))
        }
        return nil
    }

    private func missing(_ key: String, on screen: Screen, help: String) -> Stop {
        let error = AnswersError(
            file: answers.path, key: key,
            problem: "is needed on the \(screen.title) screen, and the file does not set it\(help.isEmpty ? "" : " (\(help))").",
            fix: "Add a line \(key) = <value> to the file.")
        return Stop(status: 2, message: "berth: \(error)")
    }

    // MARK: Actions

    private func decide(_ screen: Screen) -> Decision {
        let offered = Set(screen.actions.map(\.id))
        if offered.contains("prompt.quit") {
            return .activate(ScreenAction(id: "prompt.quit", label: "Quit"))
        }
        if offered.contains("prompt.stop") {
            return .wait
        }
        if offered.contains(ResumeOffer.continueID) {
            return startOver()
        }
        if screen.id == WizardStep.review.rawValue, !answeredScreens.contains(WizardStep.fields.rawValue),
           let variable = answers.entries.first(where: { AnswerKey.named($0.name) == nil }) {
            // A redeploy skips the variables step when terraform.tfvars is valid; the file's
            // values would then be ignored without a word.
            transcript.say("  The file sets blueprint variables (\(variable.name) first), so Berth goes back to the variables step.")
            return .back
        }
        if offered.contains(where: { $0.hasPrefix("lock.") }) {
            return .stop(Stop(status: 1, message: "berth: the Terraform state is locked (see above), and an unattended run never unlocks it. Make sure no other run is active, then run berth on a terminal to unlock it."))
        }
        if let invalid = screen.fields.first(where: { $0.error != nil }) {
            return .stop(fieldError(invalid, on: screen))
        }
        if offered.contains(where: Self.failedRunActions.contains) {
            return .stop(Stop(status: 1, message: "berth: Terraform failed; the error and what to do are above. Fix the cause and run berth again."))
        }
        if let storage = stateStorageDecision(screen) {
            return storage
        }

        for action in screen.actions where action.enabled {
            if let key = AnswerKey.approving(action.id) {
                if let decision = approval(action, key: key, on: screen) { return decision }
            } else if let question = action.confirmation, !Self.navigation.contains(action.id) {
                let error = AnswersError(file: answers.path, problem: "cannot answer the question \"\(question)\" on the \(screen.title) screen; no key approves it yet.",
                                         fix: "Run berth on a terminal for this step.")
                return .stop(Stop(status: 2, message: "berth: \(error)"))
            }
        }

        guard let forward = screen.actions.first(where: { Self.navigation.contains($0.id) }) else {
            if screen.id == WizardStep.fields.rawValue {
                return .stop(Stop(status: 2, message: "berth: the blueprint's variables could not be read (see above); pass --folder with the backend-service folder."))
            }
            if !screen.actions.isEmpty, screen.actions.allSatisfy({ $0.id == "back" }) {
                return .stop(Stop(status: 1, message: "berth: the \(screen.title) screen offers no way on, only Back; the lines above say why. Fix the cause and run berth again."))
            }
            return .wait
        }
        guard forward.enabled else {
            return .stop(Stop(status: 1, message: "berth: a check on the \(screen.title) screen failed; each FAIL row above says what to do. Fix it, then run berth again."))
        }
        if activations["\(screen.id) \(forward.id)", default: 0] >= 20 {
            return .stop(Stop(status: 1, message: "berth: the \(screen.title) screen did not move on after \(forward.label); see the lines above."))
        }
        if let question = forward.confirmation {
            transcript.say("  \(question) yes (\(answers.path) gives the values)")
        }
        return .activate(forward)
    }

    /// Starts over after an earlier run that stopped midway. Continuing would skip the screens
    /// before the step it stopped at, and with them the file's answers for those screens.
    private func startOver() -> Decision {
        transcript.say("  An earlier run of this folder stopped midway; an unattended run starts over and takes every answer from \(answers.path).")
        return .activate(ScreenAction(id: ResumeOffer.restartID, label: "Start over"))
    }

    /// Decides an action that changes the account. Returns nil when the file declines it, so
    /// the screen's other actions decide.
    private func approval(_ action: ScreenAction, key: AnswerKey, on screen: Screen) -> Decision? {
        let question = action.confirmation ?? action.label
        guard let entry = answers.entry(key.name) else {
            let decline = key.kind == .bool ? "false to decline" : "\"\(AnswerKey.planOnly)\" to stop after the plan"
            let error = AnswersError(file: answers.path, key: key.name, problem: "is needed to answer \"\(question)\".",
                                     fix: "Add \(key.example) to the file, or \(key.name) = \(decline).")
            return .stop(Stop(status: 2, message: "berth: \(error)"))
        }
        if !key.allows(action.id, value: entry.value) {
            transcript.say("  \(question) no (\(key.name) = \(entry.value), \(answers.location(of: key.name)))")
            if key.kind != .bool {
                return .stop(Stop(status: 0, message: "Stopped after the plan, as \(key.name) = \"\(AnswerKey.planOnly)\" asks; nothing was applied. Set \(key.name) = \"\(AnswerKey.approve)\" to apply."))
            }
            return nil
        }
        if activations["\(screen.id) \(action.id)", default: 0] > 0 {
            return .stop(Stop(status: 1, message: "berth: \(action.label) did not succeed (see above). Fix the cause and run berth again."))
        }
        if let field = screen.fields.first(where: { $0.kind == .secret }) {
            let secretName = screen.fields.first { $0.id == "github_token_secret_name" }?.value ?? "the token secret"
            guard let value = token?(secretName), !value.isEmpty else {
                let error = AnswersError(file: answers.path, line: entry.line, key: key.name,
                                         problem: "asks Berth to \(action.id == "create-secret" ? "create the secret" : "store a token in the secret"), but no GitHub token was given.",
                                         fix: "Pipe the token to berth with --token-stdin (from your CI secret store), or run on a terminal and type it when asked.")
                return .stop(Stop(status: 2, message: "berth: \(error)"))
            }
            token = nil
            source.handle(.setField(id: field.id, value: value))
        }
        transcript.say("  \(question) yes (\(key.name) = \(entry.value), \(answers.location(of: key.name)))")
        return .activate(action)
    }

    // MARK: State storage

    /// Opens the state storage screen from the review when the file sets `state_storage = "s3"`, and
    /// decides the screen's steps that no approval key covers. Returns nil to let the screen's
    /// approval keys and navigation decide.
    private func stateStorageDecision(_ screen: Screen) -> Decision? {
        guard answers.text("state_storage") == AnswerKey.s3State else { return nil }
        typealias ID = StateStorageIDs
        let offered = Set(screen.actions.filter(\.enabled).map(\.id))
        let location = answers.location(of: "state_storage")

        if screen.id == WizardStep.review.rawValue {
            guard !stateStorageDone, offered.contains(ID.open) else { return nil }
            if activations["\(screen.id) \(ID.open)", default: 0] > 0 {
                return .stop(Stop(status: 1, message: "berth: the state storage screen closed before it wrote the S3 backend that state_storage = \"\(AnswerKey.s3State)\" asks for (\(location)); see the lines above."))
            }
            transcript.say("  State storage: S3 (state_storage = \"\(AnswerKey.s3State)\", \(location))")
            return .activate(ScreenAction(id: ID.open, label: "State storage"))
        }
        guard screen.id == ID.open else { return nil }

        if offered.contains(ID.done) {
            stateStorageDone = true
            return nil
        }
        if offered.contains(ID.useS3) {
            return .activate(ScreenAction(id: ID.useS3, label: "Use an S3 bucket"))
        }
        if stateFieldsChanged == false, offered.contains(ID.keep) {
            // Only the folder's own backend file fills the bucket field before the file does.
            transcript.say("  berth_backend.tf already keeps the state where \(answers.path) puts it; the state storage stays as it is.")
            stateStorageDone = true
            return .activate(ScreenAction(id: ID.keep, label: "Keep the current backend"))
        }
        if screen.actions.contains(where: { $0.id == ID.replace }) {
            let error = AnswersError(
                file: answers.path, key: "state_key",
                problem: "names a key where the bucket already holds a different state, and an unattended run never overwrites a state in the bucket (Berth keeps no copy of it).",
                fix: "Choose another state_key, or run berth on a terminal to compare the two states and replace the bucket's one there.")
            return .stop(Stop(status: 2, message: "berth: \(error)"))
        }
        if offered.contains(ID.write) || offered.contains(ID.migrate) {
            guard answers.bool("write_state_backend") != false else {
                let error = AnswersError(
                    file: answers.path, line: answers.entry("write_state_backend")?.line, key: "write_state_backend",
                    problem: "is false, but state_storage = \"\(AnswerKey.s3State)\" (\(location)) needs berth_backend.tf written.",
                    fix: "Set write_state_backend = true, or state_storage = \"\(AnswerKey.localState)\" to keep the state storage as it is.")
                return .stop(Stop(status: 2, message: "berth: \(error)"))
            }
            return nil
        }
        if activations["\(screen.id) \(ID.check)", default: 0] == 0 {
            return .activate(ScreenAction(id: ID.check, label: "Check bucket"))
        }
        return .stop(Stop(status: 1, message: "berth: Berth cannot write the S3 backend on the State storage screen; the lines above say why (a failed bucket check, or a backend block the folder already has). Fix it, then run berth again."))
    }

    private func fieldError(_ field: FormField, on screen: Screen) -> Stop {
        let problem = "is not valid on the \(screen.title) screen: \(field.error ?? "")"
        let key = AnswerKey.name(forField: field.id)
        let error: AnswersError
        if let entry = answers.entry(key) {
            error = AnswersError(file: answers.path, line: entry.line, key: key, problem: problem, fix: "Correct the value in the file.")
        } else {
            error = AnswersError(file: answers.path, key: key, problem: problem + " (the value shown was kept, as the file does not set it)",
                                 fix: "Add a line \(key) = <value> to the file.")
        }
        return Stop(status: 2, message: "berth: \(error)")
    }

    // MARK: Output

}

/// The ids of the state storage screen (its screen id is the review's action that opens it).
private enum StateStorageIDs {
    static let open = "state-storage"
    static let useS3 = "state.use-s3"
    static let keep = "state.keep-local"
    static let check = "state.check"
    static let write = "state.write"
    static let migrate = "state.migrate"
    static let replace = "state.migrate-replace"
    static let done = "state.done"
}
