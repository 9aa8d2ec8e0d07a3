import BerthTerraform
import Foundation

/// The core-infra deploy, offered on the core-infra step when its look-ups find none of it. The
/// person chooses the core-infra folder and Berth fills its terraform.tfvars. Then init, plan,
/// review and apply of that folder run in the same panes as the backend, and the look-ups run
/// again. The core-infra state stays in the core-infra folder.
extension WizardController {
    /// Handles the sub-flow's actions; returns false for an id it does not own.
    func handleCoreInfraDeployAction(_ id: String) -> Bool {
        typealias ID = CoreInfraDeployProgress.ID
        switch id {
        case ID.offer: offerCoreInfraDeploy()
        case ID.useFolder: useCoreInfraFolder()
        case ID.plan, ID.retry: planCoreInfra()
        case ID.apply: applyCoreInfra()
        case ID.back:
            // Plain mode sends the Back button as an action. Outside the deploy it belongs to others.
            var handled = false
            mutate { wizard in
                guard wizard.step == .coreInfra, wizard.coreDeploy.isActive else { return }
                handled = true
                if !wizard.running {
                    wizard.stepBackInCoreInfraDeploy()
                }
            }
            return handled
        default: return false
        }
        return true
    }

    /// Lists the objects the core-infra apply creates, for the screen and its confirmations.
    func coreInfraObjects() -> String {
        let name = settings.coreStackName
        let namespaces = coreDeploy.namespaces.map { "\($0).\(name).local" }
        return "VPC \(name) with private subnets \(name)-private-*, ECS cluster \(name), Cloud Map namespaces \(namespaces.joined(separator: ", ")) and IAM role \(name)-execution"
    }

    /// Lists the service's look-up settings that do not follow `core_stack_name`, so its
    /// look-ups would miss what the core-infra apply creates under that name.
    func lookupOverrides() -> [String] {
        let name = settings.coreStackName
        var overrides: [String] = []
        if settings.vpcTagKey != "Name" || settings.effectiveVPCTagValue != name {
            overrides.append("vpc_tag_key/vpc_tag_value (\(settings.vpcTagKey) = \(settings.effectiveVPCTagValue))")
        }
        if settings.effectivePrivateSubnetPrefix != "\(name)-private-" {
            overrides.append("private_subnets_tag_value (\(settings.effectivePrivateSubnetPrefix))")
        }
        if settings.effectiveClusterName != name {
            overrides.append("ecs_cluster_name (\(settings.effectiveClusterName))")
        }
        if settings.effectiveExecutionRoleName != "\(name)-execution" {
            overrides.append("ecs_task_execution_role_name (\(settings.effectiveExecutionRoleName))")
        }
        return overrides
    }

    /// Goes one screen back in the sub-flow. The caller holds the lock.
    func stepBackInCoreInfraDeploy() {
        switch coreDeploy.phase {
        case .idle:
            return
        case .choosingFolder, .reviewingPlan, .running:
            coreDeploy.phase = .idle
            coreDeploy.folderProblem = nil
            runFailure = nil
        case .confirming:
            coreDeploy.phase = .choosingFolder
        }
        notice = nil
        saveSession()
    }

    private func offerCoreInfraDeploy() {
        mutate { wizard in
            guard wizard.step == .coreInfra, !wizard.running, CoreInfraLookup.classify(wizard.results) == .missing else { return }
            if wizard.coreDeploy.folderText.isEmpty {
                wizard.coreDeploy.folderText = CoreInfraFolder.defaultURL(nextTo: wizard.configuration.folder).path
            }
            wizard.coreDeploy.folderProblem = nil
            wizard.coreDeploy.phase = .choosingFolder
            wizard.notice = nil
        }
    }

    /// Checks the typed folder and works out the terraform.tfvars values it needs.
    private func useCoreInfraFolder() {
        mutate { wizard in
            guard wizard.coreDeploy.phase == .choosingFolder else { return }
            let url = CoreInfraFolder.resolve(
                wizard.coreDeploy.folderText,
                blueprint: wizard.configuration.folder,
                homeDirectory: wizard.configuration.childEnvironment["HOME"]
            )
            guard let region = wizard.settings.region else {
                wizard.coreDeploy.folderProblem = "No AWS region is set, so Berth cannot fill core-infra's aws_region. Go back to the identity step and set one."
                return
            }
            do {
                let folder = try CoreInfraFolder.open(url, blueprint: wizard.configuration.folder)
                wizard.coreDeploy.changes = try folder.changes(
                    coreStackName: wizard.settings.coreStackName,
                    region: region,
                    namespace: wizard.settings.namespace
                )
                wizard.coreDeploy.namespaces = try folder.namespaces(including: wizard.settings.namespace)
                wizard.coreDeploy.folder = folder
                wizard.coreDeploy.folderText = folder.url.path
                wizard.coreDeploy.folderProblem = nil
                wizard.coreDeploy.phase = .confirming
            } catch {
                wizard.coreDeploy.folderProblem = TokenPattern.mask("\(error)")
            }
        }
    }

    /// Writes core-infra's terraform.tfvars, then runs init and plan in its folder.
    private func planCoreInfra() {
        var target: CoreInfraFolder?
        mutate { wizard in
            let retry = wizard.coreDeploy.phase == .running && !wizard.running
            guard let folder = wizard.coreDeploy.folder, !wizard.running, wizard.coreDeploy.phase == .confirming || retry else { return }
            do {
                let changes = try folder.changes(
                    coreStackName: wizard.settings.coreStackName,
                    region: wizard.settings.region ?? "",
                    namespace: wizard.settings.namespace
                )
                if !changes.isEmpty {
                    try folder.write(changes)
                }
            } catch {
                wizard.notice = ("Could not write \(folder.tfvarsURL.path): \(error)", .error)
                return
            }
            wizard.coreDeploy.phase = .running
            wizard.coreDeploy.stage = .plan
            wizard.coreDeploy.plan = nil
            target = folder
        }
        guard let folder = target else { return }

        beginRun(step: .coreInfra, phase: .initializing) { wizard, engine, environment in
            for phase in [DeployPhase.initialize, .plan] {
                if phase != .initialize, let expired = wizard.credentialProblem() {
                    return expired
                }
                let result = try engine.run(phase, folder: folder.url, environment: environment) { snapshot in
                    wizard.mutate { $0.runSnapshot = snapshot }
                }
                wizard.mutate { $0.runSnapshot = result.snapshot }
                if result.exitCode != 0 {
                    return "terraform \(phase.rawValue) of core-infra failed in \(folder.url.path) (exit status \(result.exitCode)). Read the diagnostics above, fix the cause, then choose Plan again."
                }
            }
            let overview = try engine.review(folder: folder.url, environment: environment)
            wizard.mutate { wizard in
                wizard.coreDeploy.plan = overview
                wizard.coreDeploy.phase = .reviewingPlan
            }
            return nil
        }
    }

    /// Applies the saved core-infra plan, then runs the core-infra look-ups again and moves on
    /// to the next step when they pass.
    private func applyCoreInfra() {
        var target: CoreInfraFolder?
        mutate { wizard in
            guard !wizard.running, wizard.coreDeploy.phase == .reviewingPlan, let folder = wizard.coreDeploy.folder else { return }
            wizard.coreDeploy.phase = .running
            wizard.coreDeploy.stage = .apply
            target = folder
        }
        guard let folder = target else { return }

        beginRun(step: .coreInfra, phase: .applying) { wizard, engine, environment in
            let result = try engine.run(.apply, folder: folder.url, environment: environment) { snapshot in
                wizard.mutate { $0.runSnapshot = snapshot }
            }
            wizard.mutate { $0.runSnapshot = result.snapshot }
            let state = folder.url.appendingPathComponent("terraform.tfstate").path
            if result.exitCode != 0 {
                if result.snapshot.phase == .interrupted || wizard.interruptCount > 0 {
                    return "The core-infra apply was stopped. Terraform saved what it finished in \(state); choose Plan again to continue."
                }
                return "terraform apply of core-infra failed (exit status \(result.exitCode)). What it finished is saved in \(state), so planning and applying again is safe: read the diagnostics above, fix the cause, then choose Plan again."
            }
            wizard.recheckCoreInfra(after: folder, state: state)
            return nil
        }
    }

    /// Runs the core-infra look-ups on the run's thread and sets the step to show after the run.
    private func recheckCoreInfra(after folder: CoreInfraFolder, state: String) {
        let ids = WizardStep.coreInfra.checkIDs
        let checks = WizardChecks.all.filter { ids.contains($0.id) }
        let context = makeContext()
        mutate { wizard in
            wizard.coreDeploy = CoreInfraDeployProgress(folderText: folder.url.path, folder: folder)
            wizard.busy = "Checking the core-infra look-ups again…"
            for id in ids {
                wizard.results[id] = CheckResult(status: .pending, evidence: "")
            }
        }
        configuration.checkRunner.run(checks, context: context) { [weak self] id, result in
            self?.mutate { $0.record(result, for: id) }
        }
        mutate { wizard in
            if CoreInfraLookup.classify(wizard.results) == .found {
                wizard.notice = ("Deployed core-infra \(wizard.settings.coreStackName) from \(folder.url.path) (its state is in \(state)); the look-ups find it.", .success)
                wizard.stepAfterRun = .codestarRole
            } else {
                wizard.notice = ("core-infra was applied from \(folder.url.path), but the look-ups still fail; each failed row says what to do.", .error)
            }
        }
    }
}
