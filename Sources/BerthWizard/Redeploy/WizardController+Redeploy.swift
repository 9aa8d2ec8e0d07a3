import Foundation

extension WizardController {
    /// Compares terraform.tfvars with the values of the last apply; called from `init` for a redeploy.
    func loadBaseline(stored: Session?) {
        guard let files = configuration.files else { return }
        let current = (try? files.currentValues()) ?? [:]
        let sensitive = Set(((try? files.variables()) ?? []).filter(\.sensitive).map(\.name))
        tfvarsAtStart = current
        baseline = RedeployBaseline(session: stored, current: current, sensitive: sensitive)
    }

    /// Returns the redeploy blocks: the changes since the last apply and the values AWS no
    /// longer holds, or none outside a redeploy. The caller holds the lock.
    func redeployBlocks() -> [ScreenBlock] {
        guard mode == .redeploy, let baseline else { return [] }
        return baseline.blocks() + TfvarsDisagreement.blocks(results: results, values: tfvarsAtStart)
    }

    /// Records terraform.tfvars as applied, without sensitive variables, so the next redeploy
    /// can list what changed. The caller holds the lock.
    func recordApplied() {
        guard let files = configuration.files, let values = try? files.currentValues() else { return }
        let sensitive = Set(((try? files.variables()) ?? []).filter(\.sensitive).map(\.name))
        session.applied = values.filter { !sensitive.contains($0.key) }
        session.appliedAt = configuration.now()
    }

    /// Starts the post-deploy verification in the background when the account supports it;
    /// its rows appear on the done screen.
    func startVerification() {
        lock.lock()
        let services = configuration.account.services as? DeployedServices
        let values = (try? configuration.files?.currentValues()) ?? [:]
        let target = DeployedTarget(settings: settings, values: values)
        lock.unlock()
        guard let services else { return }

        let verifier = DeployedVerifier(
            services: services,
            timeout: configuration.verifyTimeout,
            now: configuration.now,
            sleep: configuration.sleep
        )
        mutate { wizard in
            for id in DeployedVerifier.ids {
                wizard.verification[id] = CheckResult(status: .pending, evidence: "")
            }
        }
        DispatchQueue.global().async { [weak self] in
            _ = verifier.verify(target) { id, result in
                self?.mutate { $0.verification[id] = result }
            }
        }
    }

    /// Returns the verification as check rows, in their order. The caller holds the lock.
    func verificationRows() -> [CheckRow] {
        DeployedVerifier.ids.compactMap { id in
            guard let result = verification[id] else { return nil }
            return CheckRow(id: id, title: DeployedVerifier.titles[id] ?? id, status: result.status,
                            detail: TokenPattern.mask(result.evidence), fix: result.fix.map(TokenPattern.mask))
        }
    }
}
