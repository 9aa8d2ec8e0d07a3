import BerthWizard

/// Turns a key into changes of the local UI state and the intents to send
/// to the wizard. It never calls the wizard itself, so it can be tested alone.
public struct KeyHandler {
    public let screen: Screen
    /// The layout of the last frame, for page sizes and scroll limits.
    public let layout: ScreenView.Layout

    public init(screen: Screen, layout: ScreenView.Layout) {
        self.screen = screen
        self.layout = layout
    }

    /// Applies `key` to `state` and returns the intents it produces, in order.
    public func handle(_ key: Key, state: inout ScreenUIState) -> [WizardIntent] {
        if key == .controlC {
            state.picker = nil
            state.dialog = nil
            return [.interrupt]
        }
        if key == .resize || key == .controlL {
            return []
        }
        if key == .endOfInput {
            return [.quit]
        }

        if let dialog = state.dialog {
            return handleDialog(dialog, key: key, state: &state)
        }
        if state.picker != nil {
            return handlePicker(key, state: &state)
        }

        state.focus = FocusOrder.resolvedFocus(state.focus, on: screen)
        switch state.focus {
        case .field(let id)?:
            if let field = screen.fields.first(where: { $0.id == id }) {
                return handleField(field, key: key, state: &state)
            }
        case .pane(let pane)?:
            if let intents = handlePane(pane, key: key, state: &state) {
                return intents
            }
        case .action(let id)?:
            if key == .enter || key == .character(" ") {
                return activate(id, state: &state)
            }
            if key == .left {
                return moveFocus(by: -1, state: &state)
            }
            if key == .right {
                return moveFocus(by: 1, state: &state)
            }
        case nil:
            break
        }
        return handleCommon(key, state: &state)
    }

    // MARK: Keys every focus shares

    private func handleCommon(_ key: Key, state: inout ScreenUIState) -> [WizardIntent] {
        switch key {
        case .tab, .down:
            return moveFocus(by: 1, state: &state)
        case .backTab, .up:
            return moveFocus(by: -1, state: &state)
        case .escape:
            return blurIntents(state: &state) + [.back]
        case .character("q") where screen.fields.isEmpty && screen.actions.map(\.id) == ["close"]:
            // A view whose only action is Close (such as `berth view`) also closes on q.
            return activate("close", state: &state)
        case .character("?"), .function(1):
            var title = "Help"
            if case .field(let id)? = state.focus, let field = screen.fields.first(where: { $0.id == id }) {
                title = field.label
            }
            state.dialog = .help(title: title, text: helpText(for: state.focus))
            return []
        case .pageDown:
            state.bodyScroll = min(layout.bodyScroll + max(layout.bodyRows - 1, 1), max(layout.bodyLineCount - layout.bodyRows, 0))
            return []
        case .pageUp:
            state.bodyScroll = max(layout.bodyScroll - max(layout.bodyRows - 1, 1), 0)
            return []
        case .enter:
            if let action = screen.actions.first(where: { $0.isDefault }), FocusOrder.isEnabled(action, on: screen) {
                return activate(action.id, state: &state)
            }
            return []
        default:
            return []
        }
    }

    /// Moves focus `step` places in Tab order; leaving a field sends `.commitField` so the wizard validates it.
    private func moveFocus(by step: Int, state: inout ScreenUIState) -> [WizardIntent] {
        let targets = FocusOrder.targets(for: screen)
        guard !targets.isEmpty else { return [] }

        let intents = blurIntents(state: &state)
        let current = state.focus.flatMap { targets.firstIndex(of: $0) } ?? 0
        let next = ((current + step) % targets.count + targets.count) % targets.count
        state.focus = targets[next]
        return intents
    }

    /// Returns `.commitField` for a focused field that is being left, and drops its edit buffer.
    private func blurIntents(state: inout ScreenUIState) -> [WizardIntent] {
        guard case .field(let id)? = state.focus else { return [] }
        state.editBuffers[id] = nil
        state.cursors[id] = nil
        return [.commitField(id: id)]
    }

    private func activate(_ actionID: String, state: inout ScreenUIState) -> [WizardIntent] {
        guard let action = screen.actions.first(where: { $0.id == actionID }), FocusOrder.isEnabled(action, on: screen) else {
            return []
        }
        if actionID == FocusOrder.backActionID {
            return [.back]
        }
        if let confirmation = action.confirmation, !confirmation.isEmpty {
            state.dialog = .confirm(actionID: actionID)
            return []
        }
        return [.activate(actionID: actionID)]
    }

    // MARK: Fields

    private func handleField(_ field: FormField, key: Key, state: inout ScreenUIState) -> [WizardIntent] {
        switch field.kind {
        case .text, .secret:
            return handleTextField(field, key: key, state: &state)
        case .choice(let options):
            if key == .enter || key == .character(" ") {
                state.picker = ScreenUIState.Picker(fieldID: field.id, filter: "", selection: max(options.firstIndex(of: field.value) ?? 0, 0))
                return []
            }
            if case .character(let character) = key, character != "?" {
                state.picker = ScreenUIState.Picker(fieldID: field.id, filter: String(character), selection: 0)
                return []
            }
        case .toggle:
            if key == .enter || key == .character(" ") {
                let newValue = field.value == "true" ? "false" : "true"
                return [.setField(id: field.id, value: newValue), .commitField(id: field.id)]
            }
        }
        return handleCommon(key, state: &state)
    }

    private func handleTextField(_ field: FormField, key: Key, state: inout ScreenUIState) -> [WizardIntent] {
        // A secret's buffer starts empty: the wizard's copy is never shown or edited in place.
        var characters = Array(state.editBuffers[field.id] ?? (field.kind == .secret ? "" : field.value))
        var cursor = min(max(state.cursors[field.id] ?? characters.count, 0), characters.count)

        switch key {
        case .character(let character):
            characters.insert(character, at: cursor)
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return [] }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            guard cursor < characters.count else { return [] }
            characters.remove(at: cursor)
        case .controlU:
            guard !characters.isEmpty else { return [] }
            characters = []
            cursor = 0
        case .left, .right, .home, .end:
            switch key {
            case .left: cursor = max(cursor - 1, 0)
            case .right: cursor = min(cursor + 1, characters.count)
            case .home: cursor = 0
            default: cursor = characters.count
            }
            state.cursors[field.id] = cursor
            return []
        case .enter:
            return enterLeavesField(field, state: &state)
        case .function(1):
            state.dialog = .help(title: field.label, text: helpText(for: .field(field.id)))
            return []
        default:
            return handleCommon(key, state: &state)
        }

        let buffer = String(characters)
        state.editBuffers[field.id] = buffer
        state.cursors[field.id] = cursor
        return [.setField(id: field.id, value: buffer)]
    }

    /// Moves to the next field, or from the last field to the default action when it can run,
    /// so typing the last value and pressing Enter reaches Continue or Create secret, not Check again.
    private func enterLeavesField(_ field: FormField, state: inout ScreenUIState) -> [WizardIntent] {
        guard field.id == screen.fields.last?.id,
              let action = screen.actions.first(where: { $0.isDefault }), FocusOrder.isEnabled(action, on: screen) else {
            return moveFocus(by: 1, state: &state)
        }
        let intents = blurIntents(state: &state)
        state.focus = .action(action.id)
        return intents
    }

    private func handlePicker(_ key: Key, state: inout ScreenUIState) -> [WizardIntent] {
        guard var picker = state.picker,
              let field = screen.fields.first(where: { $0.id == picker.fieldID }),
              case .choice(let options) = field.kind else {
            state.picker = nil
            return []
        }
        let matching = PickerView.matches(options, filter: picker.filter)

        switch key {
        case .escape, .tab, .backTab:
            state.picker = nil
            return []
        case .up:
            picker.selection = max(picker.selection - 1, 0)
        case .down:
            picker.selection = min(picker.selection + 1, max(matching.count - 1, 0))
        case .pageUp:
            picker.selection = max(picker.selection - 5, 0)
        case .pageDown:
            picker.selection = min(picker.selection + 5, max(matching.count - 1, 0))
        case .backspace:
            if !picker.filter.isEmpty {
                picker.filter.removeLast()
                picker.selection = 0
            }
        case .character(let character):
            picker.filter.append(character)
            picker.selection = 0
        case .enter:
            state.picker = nil
            guard matching.indices.contains(picker.selection) else { return [] }
            return [.setField(id: field.id, value: matching[picker.selection]), .commitField(id: field.id)]
        default:
            break
        }
        state.picker = picker
        return []
    }

    // MARK: Panes

    /// Scrolls the focused pane; returns nil for keys the pane does not use.
    private func handlePane(_ pane: RunPane, key: Key, state: inout ScreenUIState) -> [WizardIntent]? {
        let visible = max(layout.run.visibleRows[pane] ?? 1, 1)
        let total = layout.run.contentRows[pane] ?? 0
        let maxScroll = max(total - visible, 0)
        let step: Int
        switch key {
        case .up: step = -1
        case .down: step = 1
        case .pageUp: step = -max(visible - 1, 1)
        case .pageDown: step = max(visible - 1, 1)
        case .home: step = -total
        case .end: step = total
        default: return nil
        }

        switch pane {
        case .resources:
            state.resourcesScroll = min(max(min(state.resourcesScroll, maxScroll) + step, 0), maxScroll)
        case .diagnostics:
            state.diagnosticsScroll = min(max(min(state.diagnosticsScroll, maxScroll) + step, 0), maxScroll)
        case .log:
            let top = min(max((state.logTop ?? maxScroll) + step, 0), maxScroll)
            // Reaching the bottom follows the tail again.
            state.logTop = top >= maxScroll ? nil : top
        }
        return []
    }

    private func handleDialog(_ dialog: ScreenUIState.Dialog, key: Key, state: inout ScreenUIState) -> [WizardIntent] {
        switch dialog {
        case .confirm(let actionID):
            switch key {
            case .character("y"), .character("Y"), .enter:
                state.dialog = nil
                return [.activate(actionID: actionID)]
            case .character("n"), .character("N"), .escape:
                state.dialog = nil
                return []
            default:
                return []
            }
        case .help:
            state.dialog = nil
            return []
        }
    }

    private func helpText(for focus: FocusTarget?) -> String {
        var text = ""
        if case .field(let id)? = focus, let field = screen.fields.first(where: { $0.id == id }) {
            text += field.label + (field.required ? " (required)" : "") + "\n"
            text += field.help.isEmpty ? "No help for this field." : field.help
            text += "\n\n"
        }
        text += "Tab or Down moves to the next item, Shift-Tab or Up to the previous one. Enter selects or moves on, Esc goes back a step (your answers are kept), Ctrl-C stops a run or quits. In a text field, Left, Right, Home and End move the cursor and Ctrl-U clears the field. On a run screen the arrows and PgUp/PgDn scroll the focused pane and End follows the log."
        return text
    }
}
