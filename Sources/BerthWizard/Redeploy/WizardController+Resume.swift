import Foundation

extension WizardController {
    /// Continues at the step the earlier session reached, with its entered values.
    func resume() {
        mutate { wizard in
            guard let offer = wizard.resumeOffer else { return }
            wizard.resumeOffer = nil
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
