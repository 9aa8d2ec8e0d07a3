import Foundation

extension WizardController {
    /// Names of the blueprint variables the form pre-filled from terraform.tfvars.example, which
    /// an unattended run must not take as answers.
    public var fieldsFromExample: Set<String> {
        lock.lock()
        defer { lock.unlock() }
        return form?.fromExample ?? []
    }
}
