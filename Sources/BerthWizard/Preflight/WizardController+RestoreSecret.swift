import Foundation

extension WizardController {
    /// Returns the secret step's restore action when the token secret is scheduled for deletion, or nil.
    func restoreSecretAction() -> ScreenAction? {
        guard let name = results["secret.github-token"]?.facts["secret_scheduled_for_deletion"] else { return nil }
        return ScreenAction(
            id: "restore-secret",
            label: "Restore secret",
            enabled: busy == nil,
            confirmation: "Cancel the scheduled deletion of \(name) (RestoreSecret) and keep its current value?",
            isDefault: true
        )
    }

    /// Calls RestoreSecret after the person confirmed, then checks the secret again.
    func restoreSecret() {
        guard let services = configuration.account.services else { return }
        lock.lock()
        let name = results["secret.github-token"]?.facts["secret_scheduled_for_deletion"]
        lock.unlock()
        guard let name else { return }

        mutate { $0.busy = "Restoring secret \(name)…" }
        let context = makeContext()
        DispatchQueue.global().async { [weak self] in
            let result = SecretPreflight.restore(name: name, using: services, context: context)
            self?.mutate { wizard in
                wizard.busy = nil
                wizard.record(result, for: "secret.github-token")
                if result.facts["secret_scheduled_for_deletion"] == nil && result.status != .unknown {
                    wizard.notice = ("Restored secret \(name); it is no longer scheduled for deletion.", .success)
                } else {
                    wizard.notice = ("Restoring \(name) did not finish: \(result.evidence)", .error)
                }
                wizard.saveSession()
            }
        }
    }
}
