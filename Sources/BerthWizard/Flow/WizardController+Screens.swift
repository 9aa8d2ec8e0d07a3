import BerthTerraform
import Foundation

extension WizardController {
    /// Builds the screen for the current state. The caller holds the lock.
    func buildScreen() -> Screen {
        var screen = Screen(
            id: step.rawValue,
            title: step.title,
            stepNumber: step.number,
            stepCount: WizardStep.allCases.count,
            busy: busy
        )
        switch step {
        case .welcome: fillWelcome(&screen)
        case .identity: fillIdentity(&screen)
        case .coreInfra: if !fillCoreInfraDeploy(&screen) { fillCoreInfra(&screen) }
        case .codestarRole: fillCodeStar(&screen)
        case .githubSecret: fillSecret(&screen)
        case .fields: fillFields(&screen)
        case .review where storage.isOpen: fillStateStorage(&screen)
        case .review: fillReview(&screen)
        case .plan, .apply: fillRun(&screen)
        case .planReview: fillPlanReview(&screen)
        case .done: fillDone(&screen)
        }
        if let (text, style) = notice {
            screen.blocks.insert(.paragraph(text, style), at: 0)
        }
        if let resumeOffer, step == .welcome, prompt == nil {
            resumeOffer.apply(to: &screen)
        }
        if let prompt {
            applyPrompt(prompt, to: &screen)
        }
        return screen
    }

    private func rows(_ ids: [String]) -> [CheckRow] {
        ids.compactMap { id in
            guard let check = WizardChecks.all.first(where: { $0.id == id }) else { return nil }
            let result = results[id] ?? CheckResult(status: .pending, evidence: "")
            return CheckRow(
                id: id,
                title: check.title,
                status: result.status,
                detail: TokenPattern.mask(result.evidence),
                fix: result.fix.map(TokenPattern.mask)
            )
        }
    }

    private func checksBusy(_ ids: [String]) -> String? {
        ids.contains { [.pending, .running].contains(results[$0]?.status ?? .pending) } ? "Checking…" : nil
    }

    private func navigation(for step: WizardStep, extra: [ScreenAction] = []) -> [ScreenAction] {
        let canGo = canLeave(step)
        var actions = extra
        if !step.checkIDs.isEmpty {
            actions.append(ScreenAction(id: "recheck", label: "Check again"))
        }
        actions.append(ScreenAction(id: "next", label: "Continue", enabled: canGo, isDefault: extra.allSatisfy { !$0.isDefault } && canGo))
        return actions
    }

    private func outcomeParagraph(_ ids: [String], passed: String) -> ScreenBlock? {
        let statuses = ids.map { results[$0]?.status ?? .pending }
        if statuses.contains(where: { $0 == .pending || $0 == .running }) { return nil }
        if statuses.contains(.fail) {
            return .paragraph("Something is missing; each failed row says what to do. Fix it, then choose Check again.", .error)
        }
        if statuses.contains(.unknown) || statuses.contains(.warn) {
            return .paragraph("Berth could not confirm everything; read the rows marked above before you continue.", .warning)
        }
        return .paragraph(passed, .success)
    }

    private func fillWelcome(_ screen: inout Screen) {
        screen.blocks = [
            .paragraph("Berth checks your AWS account for everything the ECS Blueprints backend service needs, writes terraform.tfvars, and runs Terraform init, plan and apply with you.", .normal),
            .table([
                KeyValueRow("Folder", configuration.folder.path),
                KeyValueRow("Profile", settings.profile ?? "(default credential chain)"),
                KeyValueRow("Region", settings.region.map { "\($0) (from \(settings.regionSource))" } ?? "not set"),
            ]),
            .paragraph("Nothing in your account changes until you confirm it. You can go back a step at any time, and your answers are kept.", .dim),
        ]
        screen.actions = [ScreenAction(id: "next", label: "Start", isDefault: true)]
    }

    private func fillIdentity(_ screen: inout Screen) {
        let identity = results["identity"]?.facts ?? [:]
        screen.blocks = [
            .table([
                KeyValueRow("Account", identity["account"] ?? "…"),
                KeyValueRow("ARN", identity["arn"] ?? "…"),
                KeyValueRow("Region", settings.region.map { "\($0) (from \(settings.regionSource))" } ?? "not set"),
                KeyValueRow("Profile", settings.profile ?? "(default credential chain)"),
            ]),
            .checks(rows(WizardStep.identity.checkIDs)),
        ] + redeployBlocks()
        if let outcome = outcomeParagraph(WizardStep.identity.checkIDs, passed: "Berth will use this account and region for every look-up and for Terraform.") {
            screen.blocks.append(outcome)
        }
        screen.busy = screen.busy ?? checksBusy(WizardStep.identity.checkIDs)
        screen.actions = navigation(for: .identity)
    }

    private func fillCoreInfra(_ screen: inout Screen) {
        let ids = WizardStep.coreInfra.checkIDs
        screen.blocks = [
            .paragraph("The backend service finds core-infra by name: VPC \(settings.effectiveVPCTagValue), subnets \(settings.effectivePrivateSubnetPrefix)*, cluster \(settings.effectiveClusterName), namespace \(settings.namespaceName), role \(settings.effectiveExecutionRoleName).", .normal),
            .checks(rows(ids)),
        ]
        if let outcome = outcomeParagraph(ids, passed: "core-infra is deployed in this region under the expected names.") {
            screen.blocks.append(outcome)
        }
        screen.fields = [
            FormField(id: "core_stack_name", label: "core_stack_name", value: answers["core_stack_name"] ?? settings.coreStackName, help: "The name core-infra was deployed with; it names the VPC, subnets, cluster and role.", required: true),
            FormField(id: "namespace", label: "namespace", value: answers["namespace"] ?? settings.namespace, help: "First label of the Cloud Map namespace <namespace>.<cluster>.local.", required: true),
        ]
        let offer = coreInfraDeployOffer()
        screen.blocks += offer.blocks
        screen.busy = screen.busy ?? checksBusy(ids)
        screen.actions = navigation(for: .coreInfra, extra: offer.actions)
    }

    private func fillCodeStar(_ screen: inout Screen) {
        let ids = WizardStep.codestarRole.checkIDs
        screen.blocks = [
            .paragraph("The pipeline's notification rule needs the CodeStar Notifications service-linked role, once per account.", .normal),
            .checks(rows(ids)),
        ]
        var extra: [ScreenAction] = []
        if results["codestar.role"]?.status == .fail {
            let account = results["identity"]?.facts["account"] ?? "this account"
            extra.append(ScreenAction(
                id: "create-role",
                label: "Create role",
                enabled: busy == nil,
                confirmation: "Create the IAM service-linked role AWSServiceRoleForCodeStarNotifications (service codestar-notifications.amazonaws.com) in account \(account)?",
                isDefault: true
            ))
        }
        if let outcome = outcomeParagraph(ids, passed: "The role exists; notification rules can be created.") {
            screen.blocks.append(outcome)
        }
        screen.busy = screen.busy ?? checksBusy(ids)
        screen.actions = navigation(for: .codestarRole, extra: extra)
    }

    private func fillSecret(_ screen: inout Screen) {
        let ids = WizardStep.githubSecret.checkIDs
        let region = settings.region ?? "the deploy region"
        screen.blocks = [
            .paragraph("CodePipeline reads your GitHub token from a plain-text Secrets Manager secret in \(region). Berth reads it only to check its format and never shows it.", .normal),
            .checks(rows(ids)),
        ]
        screen.fields = [
            FormField(id: "github_token_secret_name", label: "github_token_secret_name", value: answers["github_token_secret_name"] ?? settings.secretName, help: "The secret's name (an ARN is turned into its name).", required: true),
        ]
        var extra: [ScreenAction] = []
        let secretFacts = results["secret.github-token"]?.facts ?? [:]
        let valueIsWrong = secretFacts[GitHubTokenSecretCheck.valueProblemFact] != nil
        if secretFacts["secret_missing"] != nil || valueIsWrong {
            screen.fields.append(FormField(
                id: SecretStep.tokenFieldID,
                label: "GitHub token",
                kind: .secret,
                value: "",
                help: tokenDraft.isEmpty ? "The token alone, as plain text (ghp_… or github_pat_…), with the repo scope for your fork; sent only to Secrets Manager, never written anywhere." : "\(tokenDraft.count) characters entered; sent only to Secrets Manager.",
                required: true
            ))
        }
        if valueIsWrong {
            let secret = secretFacts["secret_name"] ?? settings.secretName
            extra.append(ScreenAction(
                id: Self.replaceSecretValueID,
                label: "Replace value",
                enabled: busy == nil,
                confirmation: "Replace the current value of the secret \(secret) in \(region) with the token you typed? The old value stays as the previous version.",
                isDefault: results["secret.github-token"]?.status == .fail
            ))
        } else if secretFacts["secret_missing"] != nil {
            extra.append(ScreenAction(
                id: "create-secret",
                label: "Create secret",
                enabled: busy == nil,
                confirmation: "Create the secret \(settings.secretName) in \(region) with the GitHub token you provided?",
                isDefault: true
            ))
        }
        if let restore = restoreSecretAction() { extra.append(restore) }
        if let outcome = outcomeParagraph(ids, passed: "The secret holds a plain-text token, as the pipeline needs.") {
            screen.blocks.append(outcome)
        }
        screen.busy = screen.busy ?? checksBusy(ids)
        screen.actions = navigation(for: .githubSecret, extra: extra)
    }

    private func fillFields(_ screen: inout Screen) {
        guard let form else {
            screen.blocks = [.paragraph(formProblem ?? "The variables could not be read.", .error),
                             .paragraph("Run Berth in the backend-service folder (the one with variables.tf), or pass --folder PATH.", .normal)]
            screen.actions = []
            return
        }
        screen.blocks = [.paragraph("Values for terraform.tfvars. Fields marked required have no default. Values already in terraform.tfvars are filled in.", .normal)]
        screen.fields = form.formFields()
        let invalid = form.specs.map(\.name).filter { !(form.errors[$0] ?? "").isEmpty }
        if !invalid.isEmpty {
            screen.blocks.append(.paragraph("Fix \(invalid.count) field(s) before Review: \(invalid.joined(separator: ", ")).", .error))
        }
        screen.actions = [ScreenAction(id: "next", label: "Review", isDefault: true)]
    }

    private func fillReview(_ screen: inout Screen) {
        var rows: [KeyValueRow] = []
        if let form, let files = configuration.files {
            rows = form.encodedValues(files: files).map { KeyValueRow($0.name, $0.value) }
        }
        screen.blocks = [
            .paragraph("Berth will write these values to terraform.tfvars (comments and other lines kept, a backup made), then run terraform init and plan. Nothing is applied yet.", .normal),
            .table(rows),
            .table([stateStorageReviewRow()]),
            .checks(self.rows(["engine"])),
        ] + redeployBlocks()
        let engineOK = results["engine"]?.status == .pass
        screen.busy = screen.busy ?? checksBusy(["engine"])
        screen.actions = [ScreenAction(
            id: "write-and-plan",
            label: "Write and plan",
            enabled: engineOK,
            confirmation: "Write \(rows.count) values to terraform.tfvars and run terraform plan?",
            isDefault: true
        ), ScreenAction(id: StateStorageDraft.ActionID.open, label: "State storage")]
    }

    private func fillRun(_ screen: inout Screen) {
        if let runSnapshot {
            screen.blocks.append(.run(maskedSnapshot(runSnapshot)))
        }
        if let runFailure {
            screen.blocks.append(.paragraph(runFailure, .error))
            // A failed or stopped apply changed the state, so its saved plan is stale: the way
            // on is a new plan for the person to review, never the old plan file again.
            screen.actions = [ScreenAction(id: "retry-plan", label: "Plan again", isDefault: true)]
            appendRunHelp(to: &screen)
        } else if running {
            screen.busy = busy ?? (step == .apply ? "Applying…" : "Planning…")
            screen.actions = []
        }
    }

    private func fillPlanReview(_ screen: inout Screen) {
        guard let plan = planOverview else { return }
        var blocks: [ScreenBlock] = [
            .paragraph("Plan: \(plan.add) to add, \(plan.change) to change, \(plan.remove) to destroy.", plan.remove > 0 ? .warning : .emphasis),
        ]
        let rows = plan.changes.map { KeyValueRow($0.action, $0.address) }
        if !rows.isEmpty {
            blocks.append(.table(rows))
        }
        if !plan.drift.isEmpty {
            blocks.append(.paragraph("Changed outside Terraform since the last apply: \(plan.drift.joined(separator: ", ")).", .warning))
        }
        if plan.total == 0 {
            let drift = plan.drift.isEmpty ? "" : " (drift noted: \(plan.drift.count) resource\(plan.drift.count == 1 ? "" : "s"))"
            blocks.append(.paragraph("Nothing to apply\(drift): the deployed service already matches the configuration.", .success))
            screen.actions = [ScreenAction(id: "finish", label: "Finish", isDefault: true)]
        } else {
            let changeCount = plan.total == 1 ? "1 change" : "\(plan.total) changes"
            screen.actions = [ScreenAction(
                id: "apply",
                label: "Apply \(changeCount)",
                confirmation: "Apply \(changeCount) (\(plan.add) to add, \(plan.change) to change, \(plan.remove) to destroy) in account \(results["identity"]?.facts["account"] ?? "?"), \(settings.region ?? "?")?",
                isDefault: true
            )]
        }
        screen.blocks = blocks
    }

    private func fillDone(_ screen: inout Screen) {
        let serviceName = form?.values["service_name"] ?? answers["service_name"] ?? "ecsdemo-backend"
        let dnsName = "\(serviceName).\(settings.namespace).\(settings.effectiveClusterName).local"
        var rows = [KeyValueRow("Service discovery name", dnsName)]
        for output in runSnapshotWithKnownOutputs?.outputs ?? [] {
            rows.append(KeyValueRow(output.name, output.sensitive ? "(sensitive)" : TokenPattern.mask(output.value)))
        }
        screen.blocks = [
            .paragraph("The backend service is deployed.", .success),
            .table(rows),
            .paragraph("Next: the pipeline builds the first image from your fork, so tasks start once its first run reaches Deploy. Other services reach this one at \(dnsName) on its container port. Run `berth check` any time to re-check the account.", .normal),
        ]
        let verifying = verificationRows()
        if !verifying.isEmpty {
            screen.blocks.append(.checks(verifying))
        }
        screen.actions = [ScreenAction(id: "finish", label: "Finish", isDefault: true)]
    }

    func maskedSnapshot(_ snapshot: RunSnapshot) -> RunSnapshot {
        var copy = snapshot
        copy.log = snapshot.log.map(TokenPattern.mask)
        copy.diagnostics = snapshot.diagnostics.map { diagnostic in
            var masked = diagnostic
            masked.summary = TokenPattern.mask(diagnostic.summary)
            masked.detail = TokenPattern.mask(diagnostic.detail)
            masked.snippet = diagnostic.snippet.map(TokenPattern.mask)
            return masked
        }
        return copy
    }

    private func applyPrompt(_ prompt: Prompt, to screen: inout Screen) {
        switch prompt {
        case .quit:
            screen.blocks.insert(.paragraph("Quit Berth? Your answers are kept in .berth/session.json (no secrets).", .warning), at: 0)
            screen.actions = [
                ScreenAction(id: "prompt.quit", label: "Quit"),
                ScreenAction(id: "prompt.cancel", label: "Stay", isDefault: true),
            ]
        case .hardStop:
            screen.blocks.insert(.paragraph("Terraform is finishing in-flight resources. Stopping it now may leave resources that the state does not record.", .warning), at: 0)
            screen.actions = [
                ScreenAction(id: "prompt.stop", label: "Stop now", confirmation: "Stop Terraform immediately? Resources in flight may be left untracked."),
                ScreenAction(id: "prompt.cancel", label: "Keep waiting", isDefault: true),
            ]
        }
    }
}
