import Foundation

extension WizardController {
    /// The action that replaces the value of an existing token secret.
    static let replaceSecretValueID = "replace-secret-value"

    /// Creates the token secret from the typed token, after checking the token's form.
    func createSecret() {
        storeToken(verb: "Creating", failureLabel: "CreateSecret", permission: "secretsmanager:CreateSecret") { services, name, token in
            _ = try services.createSecret(name: name, value: token)
        } done: { name, region in
            "Created secret \(name) in \(region); the token was not stored anywhere else."
        }
    }

    /// Replaces the value of the existing token secret with the typed token (PutSecretValue),
    /// after checking the token's form. The secret's name, policy and KMS key stay as they are.
    func replaceSecretValue() {
        storeToken(verb: "Replacing the value of", failureLabel: "PutSecretValue", permission: "secretsmanager:PutSecretValue") { services, name, token in
            try services.putSecretValue(id: name, value: token)
        } done: { name, region in
            "Stored the token as the new value of \(name) in \(region); the token was not stored anywhere else."
        }
    }

    /// Checks the typed token, sends it with `store`, then runs the secret check again. A token
    /// that does not look like one is rejected before any call, and the draft is cleared either way.
    private func storeToken(
        verb: String, failureLabel: String, permission: String,
        store: @escaping (AccountServices, String, String) throws -> Void,
        done: @escaping (String, String) -> String
    ) {
        guard let services = configuration.account.services else { return }
        lock.lock()
        let token = tokenDraft
        let name = settings.secretName
        let region = settings.region ?? "the region"
        lock.unlock()

        if let problem = TokenPattern.storeProblem(token) {
            mutate { wizard in
                wizard.tokenDraft = ""
                wizard.notice = ("Nothing was sent to Secrets Manager. \(problem)", .error)
            }
            return
        }

        mutate { $0.busy = "\(verb) secret \(name) in \(region)…" }
        let context = makeContext()
        DispatchQueue.global().async { [weak self] in
            var failure: String?
            do {
                try store(services, name, token)
            } catch let error as ServiceFailure where error.kind == .accessDenied {
                failure = "\(failureLabel) was denied (\(error.code)); the caller needs \(permission)."
            } catch {
                failure = "\(failureLabel) \(name) failed: \(TokenPattern.mask("\(error)"))"
            }
            let result = GitHubTokenSecretCheck().run(context)
            self?.mutate { wizard in
                wizard.tokenDraft = ""
                wizard.busy = nil
                wizard.record(result, for: "secret.github-token")
                wizard.notice = failure.map { ($0, .error) } ?? (done(name, region), .success)
                wizard.saveSession()
            }
        }
    }
}
