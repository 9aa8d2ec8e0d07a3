import Foundation

extension WizardController {
    /// Continues at the step the earlier session reached, with its entered values.
    func resume() {
        var recheck = false
        mutate { wizard in
            guard let offer = wizard.resumeOffer else { return }
            wizard.resumeOffer = nil
            recheck = wizard.restoreNames(offer.answers)
            var target = offer.target
            if target == .fields || target == .review {
                wizard.prepareForm()
                if target == .review, let files = wizard.configuration.files, var form = wizard.form {
                    if !form.validateAll(files: files) {
                        target = .fields
                    }
                    wizard.form = form
                }
            }
            wizard.step = target
            wizard.saveSession()
        }
        if recheck {
            start()
        }
    }

    /// Restores every saved value, including names typed on the check steps that differ from
    /// terraform.tfvars; returns whether the checks must run again. The caller holds the lock.
    private func restoreNames(_ saved: [String: String]) -> Bool {
        for (name, value) in saved where !value.isEmpty {
            answers[name] = value
        }
        var changed = false
        if let name = saved["core_stack_name"], !name.isEmpty, name != settings.coreStackName {
            settings.coreStackName = name
            changed = true
        }
        if let name = saved["namespace"], !name.isEmpty, name != settings.namespace {
            settings.namespace = name
            changed = true
        }
        if let name = saved["github_token_secret_name"], !name.isEmpty, name != settings.secretName {
            settings.secretName = name
            changed = true
        }
        return changed
    }

    /// Drops the earlier entered values and stays on the welcome screen.
    func startOver() {
        mutate { wizard in
            wizard.resumeOffer = nil
            wizard.form = nil
            wizard.answers = [
                "core_stack_name": wizard.configuration.settings.coreStackName,
                "namespace": wizard.configuration.settings.namespace,
                "github_token_secret_name": wizard.configuration.settings.secretName,
            ]
            wizard.settings = wizard.configuration.settings
            if let region = wizard.settings.region {
                wizard.answers["aws_region"] = region
            }
            wizard.session.answers = [:]
            wizard.saveSession()
        }
    }
}
