import BerthWizard

/// The wizard drives the full-screen app; `isFinished` comes from the wizard's outcome.
extension WizardController: ScreenSource {}
