import BerthTerraform
import Foundation

/// The screens of the core-infra deploy (see WizardController+CoreInfraDeploy.swift). Each has
/// its own id, so renderers keep focus and progress apart: `core-infra-folder`,
/// `core-infra-review`, `core-infra-plan`, `core-infra-plan-review` and `core-infra-apply`.
extension WizardController {
    /// Builds the offer shown under the core-infra look-ups. The caller holds the lock.
    func coreInfraDeployOffer() -> (blocks: [ScreenBlock], actions: [ScreenAction]) {
        let region = settings.region ?? "this region"
        switch CoreInfraLookup.classify(results) {
        case .missing:
            return (
                [.paragraph("None of core-infra \(settings.coreStackName) exists in \(region). Berth can deploy the core-infra blueprint for you: it fills that folder's terraform.tfvars and runs init, plan and apply there, after you confirm each step.", .normal)],
                [ScreenAction(id: CoreInfraDeployProgress.ID.offer, label: "Deploy core-infra now", enabled: !running && busy == nil, isDefault: true)]
            )
        case .partial:
            return (
                [.paragraph("Part of core-infra \(settings.coreStackName) exists in \(region). Berth deploys core-infra only when none of it exists, so a second stack never makes the look-ups ambiguous: fix the failed rows, or remove the leftovers first.", .warning)],
                []
            )
        case .found, .undecided:
            return ([], [])
        }
    }

    /// Fills the screen of the deploy's current phase; returns false when the look-ups show instead.
    /// The caller holds the lock.
    func fillCoreInfraDeploy(_ screen: inout Screen) -> Bool {
        let back = ScreenAction(id: CoreInfraDeployProgress.ID.back, label: "Back")
        switch coreDeploy.phase {
        case .idle:
            return false
        case .choosingFolder:
            screen.id = "core-infra-folder"
            screen.title = "Deploy core-infra: folder"
            fillFolderChoice(&screen, back: back)
        case .confirming:
            screen.id = "core-infra-review"
            screen.title = "Deploy core-infra: review"
            fillConfirmation(&screen, back: back)
        case .running:
            let applying = coreDeploy.stage == .apply
            screen.id = applying ? "core-infra-apply" : "core-infra-plan"
            screen.title = applying ? "Deploy core-infra: apply" : "Deploy core-infra: plan"
            fillCoreRun(&screen, back: back)
        case .reviewingPlan:
            screen.id = "core-infra-plan-review"
            screen.title = "Deploy core-infra: plan review"
            fillCorePlanReview(&screen, back: back)
        }
        return true
    }

    private func fillFolderChoice(_ screen: inout Screen, back: ScreenAction) {
        screen.blocks = [
            .paragraph("Berth deploys core-infra from its blueprint folder. In the blueprints repository it sits next to backend-service; type another path if yours is elsewhere (a relative path starts at \(configuration.folder.path)).", .normal),
        ]
        if let problem = coreDeploy.folderProblem {
            screen.blocks.append(.paragraph(problem, .error))
        }
        screen.fields = [FormField(
            id: CoreInfraDeployProgress.ID.folderField,
            label: "core-infra folder",
            value: coreDeploy.folderText,
            help: "The folder holding core-infra's variables.tf and main.tf.",
            required: true,
            error: coreDeploy.folderProblem == nil ? nil : "Not a core-infra folder; type another path."
        )]
        screen.actions = [back, ScreenAction(id: CoreInfraDeployProgress.ID.useFolder, label: "Use this folder", isDefault: true)]
    }

    private func fillConfirmation(_ screen: inout Screen, back: ScreenAction) {
        guard let folder = coreDeploy.folder else { return }
        let account = results["identity"]?.facts["account"] ?? "?"
        let region = settings.region ?? "?"
        let rows = coreDeploy.changes.map { change in
            KeyValueRow(change.name, change.previous.map { "\(change.encoded) (was \($0))" } ?? change.encoded)
        }
        screen.blocks = [.table([
            KeyValueRow("Folder", folder.url.path),
            KeyValueRow("Account", account),
            KeyValueRow("Region", region),
        ])]
        if rows.isEmpty {
            screen.blocks.append(.paragraph("\(folder.tfvarsURL.lastPathComponent) already holds the names the look-ups expect; Berth leaves it as it is.", .normal))
        } else {
            let exists = FileManager.default.fileExists(atPath: folder.tfvarsURL.path)
            screen.blocks.append(.paragraph(exists
                ? "Berth will set these values in \(folder.tfvarsURL.path), keeping every other line and comment (the previous file is kept as terraform.tfvars.berth-backup):"
                : "Berth will create \(folder.tfvarsURL.path) with these values (the folder has no terraform.tfvars yet):", .normal))
            screen.blocks.append(.table(rows))
        }
        screen.blocks.append(.paragraph("The apply creates \(coreInfraObjects()). The Terraform state stays in \(folder.url.path). Berth runs init and plan first, and nothing is created before you approve the plan.", .normal))
        let overrides = lookupOverrides()
        if !overrides.isEmpty {
            screen.blocks.append(.paragraph("The service's terraform.tfvars sets \(overrides.joined(separator: ", ")), so its look-ups will not find what core-infra creates under \(settings.coreStackName). Clear those values after the deploy, or go back.", .warning))
        }
        screen.actions = [back, ScreenAction(
            id: CoreInfraDeployProgress.ID.plan,
            label: rows.isEmpty ? "Plan core-infra" : "Write and plan",
            confirmation: "\(rows.isEmpty ? "Plan" : "Write terraform.tfvars and plan") core-infra in \(folder.url.path) for account \(account), \(region)? Its apply would create \(coreInfraObjects()).",
            isDefault: true
        )]
    }

    private func fillCoreRun(_ screen: inout Screen, back: ScreenAction) {
        if let runSnapshot {
            screen.blocks.append(.run(maskedSnapshot(runSnapshot)))
        }
        if let runFailure, !running {
            screen.blocks.append(.paragraph(runFailure, .error))
            screen.actions = [back, ScreenAction(id: CoreInfraDeployProgress.ID.retry, label: "Plan again", isDefault: true)]
        } else {
            screen.busy = busy ?? (coreDeploy.stage == .apply ? "Applying core-infra…" : "Planning core-infra…")
            screen.actions = []
        }
    }

    private func fillCorePlanReview(_ screen: inout Screen, back: ScreenAction) {
        guard let plan = coreDeploy.plan, let folder = coreDeploy.folder else { return }
        // The plan is read before the run ends; the way on appears once it has.
        guard !running else {
            screen.busy = busy ?? "Planning core-infra…"
            return
        }
        screen.blocks = [.paragraph("Plan: \(plan.add) to add, \(plan.change) to change, \(plan.remove) to destroy, for core-infra in \(folder.url.path).", plan.remove > 0 ? .warning : .emphasis)]
        let rows = plan.changes.map { KeyValueRow($0.action, $0.address) }
        if !rows.isEmpty {
            screen.blocks.append(.table(rows))
        }
        guard plan.total > 0 else {
            screen.blocks.append(.paragraph("Nothing to apply: the state in \(folder.url.path) says core-infra is deployed, yet the look-ups do not find it. It may be in another account or region, or deleted outside Terraform; go back and check the names and region.", .warning))
            screen.actions = [back]
            return
        }
        let account = results["identity"]?.facts["account"] ?? "?"
        let changeCount = plan.total == 1 ? "1 change" : "\(plan.total) changes"
        screen.actions = [back, ScreenAction(
            id: CoreInfraDeployProgress.ID.apply,
            label: "Apply \(changeCount)",
            confirmation: "Apply \(changeCount) to create core-infra in account \(account), \(settings.region ?? "?"): \(coreInfraObjects())? The state stays in \(folder.url.path).",
            isDefault: true
        )]
    }
}
