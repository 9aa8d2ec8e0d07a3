import BerthTerraform

/// A screen of the wizard as plain data: the curses renderer and the plain
/// line renderer both draw it, and neither calls AWS or runs Terraform.
public struct Screen: Equatable, Sendable {
    /// Stable identifier (`welcome`, `identity`, `core-infra`, `codestar-role`,
    /// `github-secret`, `fields`, `review`, `plan-review`, `apply`, `done`).
    public var id: String
    public var title: String
    /// Position in the flow, shown as "Step 3 of 8".
    public var stepNumber: Int
    public var stepCount: Int
    public var blocks: [ScreenBlock]
    public var fields: [FormField]
    public var actions: [ScreenAction]
    /// Text shown with a spinner while checks or a Terraform run are under way.
    public var busy: String?

    public init(
        id: String,
        title: String,
        stepNumber: Int = 0,
        stepCount: Int = 0,
        blocks: [ScreenBlock] = [],
        fields: [FormField] = [],
        actions: [ScreenAction] = [],
        busy: String? = nil
    ) {
        self.id = id
        self.title = title
        self.stepNumber = stepNumber
        self.stepCount = stepCount
        self.blocks = blocks
        self.fields = fields
        self.actions = actions
        self.busy = busy
    }
}

/// One part of a screen's body, drawn top to bottom.
public enum ScreenBlock: Equatable, Sendable {
    case paragraph(String, TextStyle)
    /// Label and value rows, such as the caller's account and ARN.
    case table([KeyValueRow])
    case checks([CheckRow])
    /// A Terraform run drawn as live panes (resources, log, diagnostics).
    case run(RunSnapshot)
}

public enum TextStyle: Equatable, Sendable {
    case normal
    case emphasis
    case success
    case warning
    case error
    case dim
}

public struct KeyValueRow: Equatable, Sendable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// A check as a row: its title, its outcome, the evidence and the fix.
public struct CheckRow: Equatable, Sendable {
    public var id: String
    public var title: String
    public var status: CheckStatus
    public var detail: String
    public var fix: String?

    public init(id: String, title: String, status: CheckStatus, detail: String = "", fix: String? = nil) {
        self.id = id
        self.title = title
        self.status = status
        self.detail = detail
        self.fix = fix
    }
}

/// Where a check stands; `pending` and `running` come before an outcome.
public enum CheckStatus: String, Equatable, Sendable, Codable {
    case pending
    case running
    case pass
    case warn
    case fail
    case unknown
}

/// An input on a form screen.
public struct FormField: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case text
        /// Typed characters are drawn as `*` and never echoed or stored.
        case secret
        case choice([String])
        case toggle
    }

    public var id: String
    public var label: String
    public var kind: Kind
    public var value: String
    public var help: String
    public var required: Bool
    /// The validation error, shown in place of the help text.
    public var error: String?

    public init(
        id: String,
        label: String,
        kind: Kind = .text,
        value: String = "",
        help: String = "",
        required: Bool = false,
        error: String? = nil
    ) {
        self.id = id
        self.label = label
        self.kind = kind
        self.value = value
        self.help = help
        self.required = required
        self.error = error
    }
}

/// A button. Actions that change the account or the state carry a
/// confirmation that names what they will do.
public struct ScreenAction: Equatable, Sendable {
    public var id: String
    public var label: String
    public var enabled: Bool
    public var confirmation: String?
    public var isDefault: Bool

    public init(id: String, label: String, enabled: Bool = true, confirmation: String? = nil, isDefault: Bool = false) {
        self.id = id
        self.label = label
        self.enabled = enabled
        self.confirmation = confirmation
        self.isDefault = isDefault
    }
}

/// What the person asked for, sent from a renderer to the wizard.
public enum WizardIntent: Equatable, Sendable {
    case setField(id: String, value: String)
    /// The field lost focus: validate it now.
    case commitField(id: String)
    /// The action was chosen and, where it needs one, its confirmation accepted.
    case activate(actionID: String)
    case back
    /// Ctrl-C: the wizard decides whether this stops a run or asks to quit.
    case interrupt
    case quit
}
