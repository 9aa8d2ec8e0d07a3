import BerthTerraform
import Foundation

/// The onboarding flow as a state machine that publishes `Screen` values.
/// Renderers read `screen`, send `WizardIntent`s to `handle`, and redraw when
/// `onChange` fires. AWS calls and Terraform runs happen on background
/// threads; every member is safe to call from any thread.
public final class WizardController: @unchecked Sendable {
    /// A question that sits over the current step until it is answered.
    enum Prompt: Equatable {
        case quit
        case hardStop
    }

    let configuration: WizardConfiguration
    let lock = NSLock()

    // State below is guarded by `lock`.
    var step: WizardStep = .welcome
    var settings: CheckSettings
    var results: [String: CheckResult] = [:]
    /// Values entered so far, by tfvars variable name. Never a secret.
    var answers: [String: String] = [:]
    /// The token typed on the GitHub secret step. It lives only here, only until CreateSecret returns.
    var tokenDraft = ""
    var form: FieldsForm?
    var formProblem: String?
    var prompt: Prompt?
    var notice: (String, TextStyle)?
    var busy: String?
    var runSnapshot: RunSnapshot?
    var running = false
    /// The step to show once the running Terraform step has ended well; set from the run thread.
    var stepAfterRun: WizardStep?
    var interruptCount = 0
    var runFailure: String?
    /// True from the start of an apply until an apply succeeds: quitting then is not "done".
    var applyUnfinished = false
    /// The state lock flow of a failed run (see WizardController+Lock.swift).
    var stateLock = StateLockProgress()
    var planOverview: PlanOverview?
    var engine: DeployEngine?
    var session: Session
    var finalOutcome: WizardOutcome?
    /// Redeploy only: the last apply's values compared with terraform.tfvars.
    var baseline: RedeployBaseline?
    var tfvarsAtStart: [String: String] = [:]
    /// The post-deploy verification results, by id.
    var verification: [String: CheckResult] = [:]
    /// Onboarding only: the earlier session the welcome screen offers to continue.
    var resumeOffer: ResumeOffer?
    /// The state storage screen over the review step (WizardController+StateStorage.swift).
    var storage = StateStorageDraft()
    /// The deploy of core-infra offered on the core-infra step (WizardController+CoreInfraDeploy.swift).
    var coreDeploy = CoreInfraDeployProgress()

    private var changeHandler: (() -> Void)?

    /// Called from any thread after `screen` changed.
    public var onChange: (() -> Void)? {
        get { lock.lock(); defer { lock.unlock() }; return changeHandler }
        set { lock.lock(); changeHandler = newValue; lock.unlock() }
    }

    /// The flow the controller runs.
    public enum Mode: Sendable {
        /// Every step from the welcome screen.
        case onboard
        /// Starts at the identity step and skips the fields form when terraform.tfvars is
        /// already valid, for a deploy of a folder that was set up before.
        case redeploy
    }

    let mode: Mode

    public init(configuration: WizardConfiguration, mode: Mode = .onboard) {
        self.configuration = configuration
        self.mode = mode
        self.settings = configuration.settings
        let stored = SessionStore(folder: configuration.folder).load()
        self.session = stored ?? Session(step: WizardStep.welcome.rawValue, now: configuration.now())
        answers["core_stack_name"] = settings.coreStackName
        answers["namespace"] = settings.namespace
        answers["github_token_secret_name"] = settings.secretName
        if let region = settings.region {
            answers["aws_region"] = region
        }
        for (name, value) in session.answers where answers[name] == nil {
            answers[name] = value
        }
        if mode == .redeploy {
            step = .identity
            loadBaseline(stored: stored)
        } else {
            resumeOffer = ResumeOffer(session: stored)
        }
    }

    /// Starts the account checks in the background, so the first screen draws before any AWS response.
    public func start() {
        runChecks(["identity", "region", "core.vpc", "core.subnets", "core.cluster", "core.namespace", "core.execution-role", "codestar.role", "secret.github-token", "engine"])
    }

    /// A copy of the current screen.
    public var screen: Screen {
        lock.lock()
        defer { lock.unlock() }
        return buildScreen()
    }

    /// The step on screen.
    public var currentStep: WizardStep {
        lock.lock()
        defer { lock.unlock() }
        return step
    }

    /// The way the flow ended, or nil while it runs.
    public var outcome: WizardOutcome? {
        lock.lock()
        defer { lock.unlock() }
        return finalOutcome
    }

    /// True when the flow is over and a renderer should return.
    public var isFinished: Bool { outcome != nil }

    /// True while Terraform runs.
    public var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    /// The last Terraform run, for the summary printed after the full screen ends.
    public var lastRun: RunSnapshot? {
        lock.lock()
        defer { lock.unlock() }
        return runSnapshotWithKnownOutputs
    }

    /// The last run, with the deployed output values when it was a plan with nothing to apply
    /// (the plan's stream names those outputs but not their values).
    var runSnapshotWithKnownOutputs: RunSnapshot? {
        guard var snapshot = runSnapshot else { return nil }
        if let plan = planOverview, plan.total == 0, !plan.outputs.isEmpty {
            snapshot.outputs = plan.outputs
        }
        return snapshot
    }

    /// Check results so far, by id.
    public var checkResults: [String: CheckResult] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }

    public func handle(_ intent: WizardIntent) {
        switch intent {
        case .setField(let id, let value):
            setField(id, value)
        case .commitField(let id):
            commitField(id)
        case .activate(let actionID):
            activate(actionID)
        case .back:
            goBack()
        case .interrupt:
            interrupt()
        case .quit:
            mutate { $0.finalOutcome = $0.finalOutcome ?? $0.quitOutcome }
        }
    }

    /// Runs `body` under the lock, then reports the change.
    func mutate(_ body: (WizardController) -> Void) {
        lock.lock()
        body(self)
        let handler = changeHandler
        lock.unlock()
        handler?()
    }

    // MARK: Intents

    private func setField(_ id: String, _ value: String) {
        mutate { wizard in
            if id == SecretStep.tokenFieldID {
                wizard.tokenDraft = value
            } else if wizard.setStateStorageField(id, value) {
                return
            } else if id == CoreInfraDeployProgress.ID.folderField {
                wizard.coreDeploy.folderText = value
                wizard.coreDeploy.folderProblem = nil
            } else if wizard.step == .fields, wizard.form != nil {
                wizard.form?.set(id, value)
            } else {
                wizard.answers[id] = value
            }
        }
    }

    private func commitField(_ id: String) {
        if commitStateStorageField(id) { return }
        var rerun: [String] = []
        mutate { wizard in
            if wizard.step == .fields, let files = wizard.configuration.files {
                wizard.form?.validate(id, files: files)
                return
            }
            let value = wizard.answers[id] ?? ""
            switch id {
            case "core_stack_name" where !value.isEmpty && value != wizard.settings.coreStackName:
                wizard.settings.coreStackName = value
                rerun = WizardStep.coreInfra.checkIDs
            case "namespace" where !value.isEmpty && value != wizard.settings.namespace:
                wizard.settings.namespace = value
                rerun = ["core.namespace"]
            case "github_token_secret_name" where value != wizard.settings.secretName:
                do {
                    wizard.settings.secretName = try SecretName(parsing: value).name
                    wizard.answers[id] = wizard.settings.secretName
                    wizard.notice = nil
                    rerun = ["secret.github-token"]
                } catch {
                    wizard.notice = ("\(error)", .error)
                }
            default:
                break
            }
        }
        if !rerun.isEmpty { runChecks(rerun) }
    }

    private func activate(_ actionID: String) {
        switch actionID {
        case "next": goForward()
        case "recheck": runChecks(currentStep.checkIDs)
        case "create-role": createRole()
        case "create-secret": createSecret()
        case Self.replaceSecretValueID: replaceSecretValue()
        case "restore-secret": restoreSecret()
        case "write-and-plan": writeAndPlan()
        case "retry-plan": startPlan()
        case "apply": startApply()
        case "finish": mutate { $0.finalOutcome = .deployed }
        case "prompt.quit":
            // Quitting after a failed or stopped Terraform run still reports that run's failure.
            mutate { wizard in
                wizard.prompt = nil
                wizard.finalOutcome = wizard.quitOutcome
            }
        case "prompt.stop": hardStop()
        case "prompt.cancel": mutate { $0.prompt = nil }
        case ResumeOffer.continueID: resume()
        case ResumeOffer.restartID: startOver()
        default: _ = handleCoreInfraDeployAction(actionID) || handleStateStorageAction(actionID) || handleLockAction(actionID)
        }
    }

    private func goForward() {
        mutate { wizard in
            guard !wizard.running, var next = wizard.step.next, wizard.canLeave(wizard.step) else { return }
            wizard.notice = nil
            if next == .fields {
                wizard.prepareForm()
                if wizard.mode == .redeploy, let files = wizard.configuration.files, var form = wizard.form, form.validateAll(files: files) {
                    wizard.form = form
                    next = .review
                }
            }
            if next == .plan || next == .planReview || next == .apply || next == .done {
                return
            }
            wizard.step = next
            wizard.saveSession()
        }
    }

    private func goBack() {
        mutate { wizard in
            guard !wizard.running, wizard.prompt == nil else { return }
            if wizard.step == .coreInfra, wizard.coreDeploy.isActive {
                wizard.stepBackInCoreInfraDeploy()
                return
            }
            wizard.notice = nil
            if wizard.storage.isOpen {
                wizard.closeStateStorage()
                return
            }
            switch wizard.step {
            case .welcome, .done:
                return
            case .identity where wizard.mode == .redeploy:
                return
            case .plan, .planReview, .apply:
                wizard.step = .review
            default:
                wizard.step = wizard.step.previous ?? .welcome
            }
            wizard.saveSession()
        }
    }

    private func interrupt() {
        var forward = false
        mutate { wizard in
            guard wizard.running else {
                // A second Ctrl-C while the quit question is open answers it, as the key
                // help line promises and as it must when the terminal is too small to show it.
                if wizard.prompt == .quit {
                    wizard.prompt = nil
                    wizard.finalOutcome = wizard.quitOutcome
                } else {
                    wizard.prompt = .quit
                }
                return
            }
            if wizard.interruptCount == 0 {
                wizard.interruptCount = 1
                forward = true
                wizard.runSnapshot?.notice = "stopping safely: waiting for in-flight resources"
            } else {
                wizard.prompt = .hardStop
            }
        }
        if forward {
            engineForRun()?.interrupt()
        }
    }

    private func hardStop() {
        mutate { $0.prompt = nil }
        engineForRun()?.stop()
    }

    /// Asks a running Terraform to stop safely and waits up to `timeout` seconds for it; for
    /// SIGTERM and SIGHUP, before the process exits.
    public func stopRunForExit(timeout: TimeInterval = 120) {
        guard isRunning else { return }
        engineForRun()?.interrupt()
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// The outcome of quitting now; the one place that decides whether a quit counts as done
    /// (exit status 0). Callers hold the lock.
    var quitOutcome: WizardOutcome {
        if let runFailure {
            return .failed(runFailure)
        }
        if applyUnfinished {
            return .failed("An apply was started and has not finished since; nothing is fully deployed.")
        }
        return .quit
    }

    func engineForRun() -> DeployEngine? {
        lock.lock()
        defer { lock.unlock() }
        return engine
    }

    /// Returns whether the step's checks allow moving on, because none failed and none is still running.
    func canLeave(_ step: WizardStep) -> Bool {
        switch step {
        case .welcome, .fields, .review:
            return true
        default:
            let ids = step.checkIDs
            return ids.allSatisfy { id in
                guard let result = results[id] else { return false }
                return result.status != .fail && result.status != .running && result.status != .pending
            }
        }
    }

    // MARK: Checks

    /// Runs the given checks in the background with the current settings.
    func runChecks(_ ids: [String]) {
        let all = WizardChecks.all
        let checks = all.filter { ids.contains($0.id) }
        lock.lock()
        let context = CheckContext(
            settings: settings,
            account: configuration.account,
            engineProbe: configuration.engineProbe,
            files: configuration.files,
            earlier: results
        )
        for check in checks {
            results[check.id] = CheckResult(status: .pending, evidence: "")
        }
        let handler = changeHandler
        lock.unlock()
        handler?()

        configuration.checkRunner.start(checks, context: context, progress: { [weak self] id, result in
            self?.mutate { $0.record(result, for: id) }
        }, completion: { [weak self] _ in
            self?.mutate { $0.saveSession() }
        })
    }

    /// Stores a check's result for the screen and, once it has an outcome, for the session file.
    /// The caller holds the lock.
    func record(_ result: CheckResult, for id: String) {
        results[id] = result
        if result.status != .running && result.status != .pending {
            session.checks[id] = Session.StoredCheck(status: result.status, evidence: result.evidence, fix: result.fix, checkedAt: configuration.now())
        }
    }

    /// Writes `.berth/session.json`. The caller holds the lock.
    func saveSession() {
        // While the resume offer is unanswered, the step it offers stays in the file.
        if resumeOffer == nil {
            session.step = step.rawValue
        }
        session.answers = answers
        if let form {
            for (name, value) in form.values where !value.isEmpty {
                session.answers[name] = value
            }
        }
        session.profile = settings.profile
        session.region = settings.region
        if let engine = results["engine"]?.facts {
            session.engine = engine["engine"]
            session.engineVersion = engine["engine_version"]
        }
        session.updatedAt = configuration.now()
        try? SessionStore(folder: configuration.folder).save(session)
    }
}
