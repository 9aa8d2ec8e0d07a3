import Foundation

/// The onboarding steps in order; the raw value is the screen id.
public enum WizardStep: String, CaseIterable, Codable, Sendable {
    case welcome
    case identity
    case coreInfra = "core-infra"
    case codestarRole = "codestar-role"
    case githubSecret = "github-secret"
    case fields
    case review
    case plan
    case planReview = "plan-review"
    case apply
    case done

    public var title: String {
        switch self {
        case .welcome: return "Deploy the ECS backend service"
        case .identity: return "AWS identity and region"
        case .coreInfra: return "Core infrastructure"
        case .codestarRole: return "CodeStar Notifications role"
        case .githubSecret: return "GitHub token secret"
        case .fields: return "Blueprint variables"
        case .review: return "Review"
        case .plan: return "Plan"
        case .planReview: return "Plan review"
        case .apply: return "Apply"
        case .done: return "Done"
        }
    }

    /// The checks this step shows.
    public var checkIDs: [String] {
        switch self {
        case .identity: return ["identity", "region"]
        case .coreInfra: return ["core.vpc", "core.subnets", "core.cluster", "core.namespace", "core.execution-role"]
        case .codestarRole: return ["codestar.role"]
        case .githubSecret: return ["secret.github-token"]
        case .review: return ["tfvars", "engine"] + PreflightChecks.ids
        default: return []
        }
    }

    public var number: Int { (WizardStep.allCases.firstIndex(of: self) ?? 0) + 1 }

    public var previous: WizardStep? {
        guard let index = WizardStep.allCases.firstIndex(of: self), index > 0 else { return nil }
        return WizardStep.allCases[index - 1]
    }

    public var next: WizardStep? {
        guard let index = WizardStep.allCases.firstIndex(of: self), index + 1 < WizardStep.allCases.count else { return nil }
        return WizardStep.allCases[index + 1]
    }
}
