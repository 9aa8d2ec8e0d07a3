import Foundation

extension WizardController {
    /// Builds the welcome screen as it looks before the folder is read and the AWS settings
    /// are resolved, so a renderer can draw it at once. `profile` and `region` are what the
    /// command line or the environment gave, if anything.
    public static func startingScreen(folder: URL, profile: String?, region: String?) -> Screen {
        Screen(
            id: WizardStep.welcome.rawValue,
            title: WizardStep.welcome.title,
            stepNumber: 1,
            stepCount: WizardStep.allCases.count,
            blocks: [
                .paragraph("Berth checks your AWS account for everything the ECS Blueprints backend service needs, writes terraform.tfvars, and runs Terraform init, plan and apply with you.", .normal),
                .table([
                    KeyValueRow("Folder", folder.path),
                    KeyValueRow("Profile", profile ?? "…"),
                    KeyValueRow("Region", region ?? "…"),
                ]),
                .paragraph("Nothing in your account changes until you confirm it. You can go back a step at any time, and your answers are kept.", .dim),
            ],
            actions: [ScreenAction(id: "next", label: "Start", enabled: false, isDefault: true)],
            busy: "Reading the folder and the AWS settings"
        )
    }
}
