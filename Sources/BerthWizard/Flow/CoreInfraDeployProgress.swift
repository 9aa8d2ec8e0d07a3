import Foundation

/// The state of the core-infra deploy offered on the core-infra step (see
/// WizardController+CoreInfraDeploy.swift). Guarded by the controller's lock.
struct CoreInfraDeployProgress {
    enum Phase: Equatable {
        /// The core-infra step shows its look-ups (and the offer, when nothing was found).
        case idle
        /// The person chooses the core-infra folder.
        case choosingFolder
        /// The values for its terraform.tfvars and what the apply creates, before init and plan.
        case confirming
        /// init and plan, or apply, run in the panes; a failed run stays here with `runFailure` set.
        case running
        /// The saved plan waits for the person's approval.
        case reviewingPlan
    }

    /// Ids of the sub-flow's field and actions.
    enum ID {
        static let folderField = "core_infra_folder"
        static let offer = "core-infra.deploy"
        static let useFolder = "core-infra.use-folder"
        static let plan = "core-infra.plan"
        static let apply = "core-infra.apply"
        static let retry = "core-infra.retry"
        static let back = "back"
    }

    var phase = Phase.idle
    /// The folder as typed (or the default), before it is checked.
    var folderText = ""
    /// The reason the typed folder was rejected.
    var folderProblem: String?
    var folder: CoreInfraFolder?
    /// The terraform.tfvars values the plan step writes.
    var changes: [CoreInfraFolder.Change] = []
    /// The first labels of the namespaces the apply creates.
    var namespaces: [String] = []
    /// The Terraform command the panes show: init and plan, or apply.
    var stage = DeployPhase.plan
    var plan: PlanOverview?

    /// True while a sub-screen replaces the core-infra step's look-ups.
    var isActive: Bool { phase != .idle }
}
