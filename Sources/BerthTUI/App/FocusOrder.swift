import Foundation
import BerthTerraform
import BerthWizard

/// The order focus moves through a screen, and which actions can run now.
enum FocusOrder {
    /// The id of an action that goes back; it is drawn at the left and sends `.back`.
    static let backActionID = "back"

    /// Returns the focus targets in Tab order: fields, run panes, then buttons as drawn.
    static func targets(for screen: Screen) -> [FocusTarget] {
        var targets = screen.fields.map { FocusTarget.field($0.id) }
        targets += panes(for: screen).map { FocusTarget.pane($0) }
        targets += orderedActions(screen).filter { isEnabled($0, on: screen) }.map { FocusTarget.action($0.id) }
        return targets
    }

    /// Returns the panes shown for the screen's run block, if it has one.
    static func panes(for screen: Screen) -> [RunPane] {
        guard let run = runSnapshot(of: screen) else { return [] }
        return run.diagnostics.isEmpty ? [.resources, .log] : [.resources, .log, .diagnostics]
    }

    /// Returns the screen's run block, if it has one.
    static func runSnapshot(of screen: Screen) -> RunSnapshot? {
        for block in screen.blocks {
            if case .run(let snapshot) = block {
                return snapshot
            }
        }
        return nil
    }

    /// Returns the actions left to right: Back first, the default action last.
    static func orderedActions(_ screen: Screen) -> [ScreenAction] {
        let back = screen.actions.filter { $0.id == backActionID }
        let others = screen.actions.filter { $0.id != backActionID && !$0.isDefault }
        let defaults = screen.actions.filter { $0.id != backActionID && $0.isDefault }
        return back + others + defaults
    }

    /// Returns whether an action can run now: enabled by the wizard, and no field in error (Back always can).
    static func isEnabled(_ action: ScreenAction, on screen: Screen) -> Bool {
        guard action.enabled else { return false }
        if action.id == backActionID {
            return true
        }
        return !screen.fields.contains { $0.error != nil }
    }

    /// Returns the focus to use: the current one when it still exists, else the
    /// first field, the default action, the first pane or the first action.
    static func resolvedFocus(_ current: FocusTarget?, on screen: Screen) -> FocusTarget? {
        let targets = targets(for: screen)
        if let current, targets.contains(current) {
            return current
        }
        // Only plain text fields: a secret field keeps its place in the order.
        let emptyRequired = screen.fields.first { $0.kind == .text && $0.required && $0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        if let field = emptyRequired ?? screen.fields.first {
            return .field(field.id)
        }
        if let action = screen.actions.first(where: { $0.isDefault && isEnabled($0, on: screen) }) {
            return .action(action.id)
        }
        return targets.first
    }
}
