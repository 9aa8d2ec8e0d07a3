import BerthTerraform
import Foundation

/// Ids the GitHub secret step uses for its fields and actions.
enum SecretStep {
    static let tokenFieldID = "github_token"
}

extension WizardController {
    /// Builds the fields form from the folder's variables; called with the lock held.
    func prepareForm() {
        guard let files = configuration.files else {
            formProblem = configuration.filesProblem ?? "The folder's .tf files could not be read."
            return
        }
        do {
            let specs = try files.variables()
            let existing = try files.currentValues()
            var prefill = answers.filter { ["aws_region", "core_stack_name", "namespace", "github_token_secret_name"].contains($0.key) }
            if let form {
                prefill.merge(form.values.filter { !$0.value.isEmpty }) { _, typed in typed }
            } else {
                for (name, value) in session.answers where prefill[name] == nil && existing[name] == nil {
                    prefill[name] = value
                }
            }
            if BackendEndpoint.isLoadBalancedLayout(specs), (existing["backend_svc_endpoint"] ?? "").isEmpty, prefill["backend_svc_endpoint"] == nil {
                prefill["backend_svc_endpoint"] = BackendEndpoint.suggestion(folder: configuration.folder, settings: settings)
            }
            let example = existing.isEmpty ? ((try? files.exampleValues()) ?? [:]) : [:]
            form = FieldsForm(specs: specs, existing: existing, prefill: prefill, checkedRegion: settings.region, example: example)
            formProblem = nil
        } catch {
            formProblem = "\(error)"
        }
    }

    func createRole() {
        guard let services = configuration.account.services else { return }
        let context = makeContext()
        mutate { $0.busy = "Creating the CodeStar Notifications service-linked role…" }
        DispatchQueue.global().async { [weak self] in
            let result = CodeStarRoleCheck.create(using: services, context: context)
            self?.mutate { wizard in
                wizard.busy = nil
                wizard.record(result, for: "codestar.role")
                wizard.notice = result.status == .pass ? ("Created and verified the service-linked role.", .success) : nil
                wizard.saveSession()
            }
        }
    }

    func makeContext() -> CheckContext {
        lock.lock()
        defer { lock.unlock() }
        return CheckContext(settings: settings, account: configuration.account, engineProbe: configuration.engineProbe, files: configuration.files, earlier: results)
    }

    /// Validates the form, writes terraform.tfvars and starts init and plan.
    func writeAndPlan() {
        var proceed = false
        mutate { wizard in
            guard let files = wizard.configuration.files, var form = wizard.form else {
                wizard.notice = (wizard.formProblem ?? "There is no form to write.", .error)
                return
            }
            guard form.validateAll(files: files) else {
                wizard.form = form
                wizard.step = .fields
                wizard.notice = ("Some values are not valid; fix the fields marked below.", .error)
                return
            }
            wizard.form = form
            do {
                let tfvars = wizard.configuration.folder.appendingPathComponent("terraform.tfvars")
                let before = try? Data(contentsOf: tfvars)
                let written = try files.write(form.encodedValues(files: files, changedOnly: true))
                let after = try? Data(contentsOf: written)
                if before == nil {
                    wizard.notice = ("Created \(written.lastPathComponent).", .success)
                } else if before == after {
                    wizard.notice = ("\(written.lastPathComponent) already holds these values; nothing was written.", .success)
                } else {
                    wizard.notice = ("Wrote \(written.lastPathComponent) (the previous file is kept as \(written.lastPathComponent).berth-backup).", .success)
                }
                proceed = true
            } catch {
                wizard.notice = ("Could not write terraform.tfvars: \(TokenPattern.mask("\(error)"))", .error)
            }
        }
        if proceed { startPlan() }
    }

    /// Checks the credentials again, then runs init and plan in the background.
    func startPlan() {
        beginRun(step: .plan, phase: .initializing) { wizard, engine, environment in
            for phase in [DeployPhase.initialize, .plan] {
                if phase != .initialize, let expired = wizard.credentialProblem() {
                    return expired
                }
                let result = try engine.run(phase, folder: wizard.configuration.folder, environment: environment) { snapshot in
                    wizard.mutate { $0.runSnapshot = snapshot }
                }
                wizard.recordRun(result)
                if result.exitCode != 0 {
                    return "terraform \(phase.rawValue) failed (exit status \(result.exitCode)). Read the diagnostics above, fix the cause, then choose Plan again."
                }
            }
            let overview = try engine.review(folder: wizard.configuration.folder, environment: environment)
            wizard.mutate { wizard in
                wizard.planOverview = overview
                wizard.notice = nil
                wizard.stepAfterRun = .planReview
            }
            return nil
        }
    }

    /// Checks the credentials again, then applies the saved plan in the background.
    func startApply() {
        beginRun(step: .apply, phase: .applying) { wizard, engine, environment in
            let result = try engine.run(.apply, folder: wizard.configuration.folder, environment: environment) { snapshot in
                wizard.mutate { $0.runSnapshot = snapshot }
            }
            wizard.recordRun(result)
            if result.exitCode != 0 {
                if result.snapshot.phase == .interrupted || wizard.interruptCount > 0 {
                    return "Apply was stopped. Terraform saved the state of every resource it finished; plan and apply again to continue."
                }
                var message = "terraform apply failed (exit status \(result.exitCode)). The state of finished resources was saved, so planning and applying again is safe."
                if result.snapshot.diagnostics.contains(where: { $0.detail.contains("ExpiredToken") || $0.summary.contains("ExpiredToken") }) {
                    message += " The AWS credentials expired during the apply: refresh them, then plan and apply again."
                }
                if let known = KnownFailure.recognize(result.snapshot.diagnostics) {
                    message += " \(known.explanation) Next: \(known.fix)"
                } else if result.snapshot.diagnostics.contains(where: { $0.detail.contains("ConfigurationException") }) {
                    message += " A new CodeStar Notifications role can take up to 15 minutes to work: wait, then plan and apply again."
                }
                return message
            }
            wizard.mutate { wizard in
                wizard.notice = nil
                wizard.stepAfterRun = .done
                wizard.recordApplied()
            }
            wizard.startVerification()
            return nil
        }
    }

    func recordRun(_ result: DeployRunResult) {
        mutate { wizard in
            wizard.runSnapshot = result.snapshot
            if let record = result.record {
                wizard.session.runs.append(".berth/runs/" + record.lastPathComponent)
            }
        }
    }

    /// Shared start of a Terraform step: a quick identity check, the engine, the child environment.
    func beginRun(
        step target: WizardStep,
        phase: RunSnapshot.Phase,
        work: @escaping (WizardController, DeployEngine, [String: String]) throws -> String?
    ) {
        var alreadyRunning = false
        mutate { wizard in
            alreadyRunning = wizard.running
            guard !alreadyRunning else { return }
            wizard.running = true
            wizard.stepAfterRun = nil
            wizard.interruptCount = 0
            wizard.runFailure = nil
            if phase == .applying {
                wizard.applyUnfinished = true
            }
            wizard.stateLock = StateLockProgress()
            wizard.step = target
            wizard.runSnapshot = RunSnapshot(phase: phase)
            wizard.busy = "Checking the AWS credentials…"
            wizard.saveSession()
        }
        guard !alreadyRunning else { return }

        DispatchQueue.global().async { [weak self] in
            guard let self else { return }
            let failure = self.performRun(work)
            self.mutate { wizard in
                wizard.running = false
                wizard.busy = nil
                wizard.runFailure = failure.map(TokenPattern.mask)
                if failure == nil && phase == .applying {
                    wizard.applyUnfinished = false
                }
                if failure == nil, let next = wizard.stepAfterRun {
                    wizard.step = next
                }
                wizard.stepAfterRun = nil
                if failure != nil {
                    wizard.runSnapshot?.notice = nil
                }
                wizard.saveSession()
            }
        }
    }

    /// Runs GetCallerIdentity again, so expired credentials stop Berth before Terraform
    /// spends minutes retrying; returns the message to show, or nil when they work.
    func credentialProblem() -> String? {
        let identity = IdentityCheck().run(makeContext())
        mutate { $0.record(identity, for: "identity") }
        guard identity.status == .pass else {
            return "The credentials no longer work: \(identity.evidence) \(identity.fix ?? "")"
        }
        return nil
    }

    private func performRun(_ work: (WizardController, DeployEngine, [String: String]) throws -> String?) -> String? {
        if let problem = credentialProblem() {
            return problem
        }

        let engine: DeployEngine
        do {
            engine = try configuration.makeDeployEngine()
        } catch {
            return "No Terraform engine: \(error). Install Terraform or pass --engine PATH."
        }
        lock.lock()
        self.engine = engine
        let environment = configuration.terraformEnvironment(region: settings.region)
        busy = nil
        lock.unlock()

        do {
            return try work(self, engine, environment)
        } catch let error as CocoaError where error.userInfo[NSFilePathErrorKey] != nil {
            let path = error.userInfo[NSFilePathErrorKey] as? String ?? ""
            let reason = error.code == .fileWriteNoPermission ? "permission denied" : "error \(error.code.rawValue)"
            return "Terraform could not run: Berth could not write \(path) (\(reason)). Make \(configuration.folder.path) writable for this user (see `ls -ld`), then plan again."
        } catch {
            return "Terraform could not run: \(error)"
        }
    }
}
