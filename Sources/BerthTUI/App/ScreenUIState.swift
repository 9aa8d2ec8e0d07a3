/// An element of a screen that can hold the keyboard focus.
public enum FocusTarget: Equatable, Sendable {
    case field(String)
    case action(String)
    case pane(RunPane)
}

/// The panes of a Terraform run.
public enum RunPane: String, Equatable, Sendable, CaseIterable {
    case resources
    case log
    case diagnostics
}

/// Local state of one screen that the wizard does not keep: focus, edit
/// buffers, scroll positions and open dialogs. The app keeps one per screen id.
public struct ScreenUIState: Equatable, Sendable {
    /// An open list of choices for a `.choice` field, filtered by what was typed.
    public struct Picker: Equatable, Sendable {
        public var fieldID: String
        public var filter: String
        public var selection: Int

        public init(fieldID: String, filter: String, selection: Int) {
            self.fieldID = fieldID
            self.filter = filter
            self.selection = selection
        }
    }

    /// A modal box over the screen.
    public enum Dialog: Equatable, Sendable {
        /// Asks before running an action; y or Enter confirms, n or Esc cancels.
        case confirm(actionID: String)
        /// Shows help text; any key closes it.
        case help(title: String, text: String)
    }

    public var focus: FocusTarget?
    /// Text typed into fields, by field id. A secret's text lives only here and in `setField`.
    public var editBuffers: [String: String] = [:]
    /// Cursor positions in the edit buffers, in characters, by field id; absent means the end.
    public var cursors: [String: Int] = [:]
    public var picker: Picker?
    public var dialog: Dialog?
    /// First body line shown when the body is taller than the screen.
    public var bodyScroll = 0
    /// First row shown in the scrollable part of the resources pane.
    public var resourcesScroll = 0
    /// Index of the first log entry shown, or nil to follow the tail.
    public var logTop: Int?
    public var diagnosticsScroll = 0

    public init() {}
}

extension ScreenUIState: CustomStringConvertible {
    /// A summary that names the edited fields but never prints their text, which may be a secret.
    public var description: String {
        let edited = editBuffers.keys.sorted().joined(separator: ", ")
        return "ScreenUIState(focus: \(String(describing: focus)), edited: [\(edited)], picker: \(picker?.fieldID ?? "none"), dialog: \(dialog.map { "\($0)" } ?? "none"))"
    }
}
