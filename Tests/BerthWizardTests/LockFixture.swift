import BerthTestSupport
import BerthWizard
import Foundation

extension WizardFixture {
    /// Returns the fixture's environment with Terraform's update check off, so no test run of
    /// Terraform contacts checkpoint-api.hashicorp.com, plus `extra`.
    func offlineEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        var variables = environment
        variables["CHECKPOINT_DISABLE"] = "1"
        variables.merge(extra) { _, new in new }
        return variables
    }

    /// Returns the wizard configuration for the fixture with `offlineEnvironment(extra)`.
    func offlineConfiguration(_ extra: [String: String] = [:]) -> WizardConfiguration {
        WizardSetup(
            folder: folder,
            profile: nil,
            region: nil,
            enginePath: Rig.terraform.path,
            environment: offlineEnvironment(extra),
            homeDirectory: home.path
        ).makeConfiguration()
    }
}
