import Foundation

/// The welcome screen's offer to continue an onboarding that was quit midway, read from
/// `.berth/session.json`.
public struct ResumeOffer: Equatable, Sendable {
    public static let continueID = "resume.continue"
    public static let restartID = "resume.restart"

    public var step: WizardStep
    public var savedAt: Date
    /// The entered values as saved, before this run's checks rewrite the session file.
    public var answers: [String: String]

    /// Returns an offer for a session that stopped after the welcome screen and before the
    /// done screen, or nil.
    public init?(session: Session?) {
        guard let session, let step = WizardStep(rawValue: session.step), step != .welcome, step != .done else { return nil }
        self.step = step
        self.savedAt = session.updatedAt
        self.answers = session.answers
    }

    /// The step to return to: a Terraform step goes back to the review, because a plan is
    /// made again after a restart.
    public var target: WizardStep {
        switch step {
        case .plan, .planReview, .apply: return .review
        default: return step
        }
    }

    /// The question, such as "Continue where you stopped (step 5 of 11, GitHub token secret, 2026-12-04 20:43 UTC)?".
    public var question: String {
        "Continue where you stopped (step \(target.number) of \(WizardStep.allCases.count), \(target.title), \(RedeployBaseline.format(savedAt)))?"
    }

    /// Puts the question and its two actions on the welcome screen.
    func apply(to screen: inout Screen) {
        screen.blocks.insert(.paragraph(question, .emphasis), at: 0)
        screen.blocks.insert(.paragraph("Your answers are restored from .berth/session.json; secrets were never saved, so a token must be typed again.", .dim), at: 1)
        screen.actions = [
            ScreenAction(id: Self.continueID, label: "Continue", isDefault: true),
            ScreenAction(id: Self.restartID, label: "Start over"),
        ]
    }
}
