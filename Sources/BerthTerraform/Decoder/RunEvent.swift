/// One message of Terraform's machine-readable UI stream, or a plain line found among them.
public enum RunEvent: Equatable, Sendable {
    /// The first line: the engine (`Terraform`, `OpenTofu`), its version and the `ui` version.
    case version(engine: String, version: String, ui: String)
    case log(LogLine)
    case diagnostic(Diagnostic)
    case resourceDrift(ResourceChange)
    case plannedChange(ResourceChange)
    case changeSummary(ChangeSummary)
    case outputs([OutputValue])
    case applyStart(ApplyHook)
    case applyProgress(ApplyHook)
    case applyComplete(ApplyHook)
    case applyErrored(ApplyHook)
    case provisionStart(ProvisionHook)
    case provisionProgress(ProvisionHook)
    case provisionComplete(ProvisionHook)
    case provisionErrored(ProvisionHook)
    case refreshStart(RefreshHook)
    case refreshComplete(RefreshHook)
    /// An `init -json` step, named by its `message_code`.
    case initOutput(code: String, message: String)
    /// A message type this decoder does not know, kept with its `@message`.
    case unknown(type: String, message: String)
}

/// A line of text for the run log.
public struct LogLine: Equatable, Sendable {
    public enum Source: String, Equatable, Sendable {
        /// A `log` message of the JSON stream.
        case json
        /// A non-JSON line on stdout, cleaned of colour codes and box frames.
        case text
        /// A line the engine wrote on stderr.
        case stderr
    }

    public var message: String
    /// `@level`: `info`, `warn`, `error`; `info` for plain lines.
    public var level: String
    public var source: Source

    public init(message: String, level: String = "info", source: Source) {
        self.message = message
        self.level = level
        self.source = source
    }
}

/// A `diagnostic` message: an error or warning, possibly about one resource and source range.
public struct Diagnostic: Equatable, Sendable {
    public var severity: String
    public var summary: String
    public var detail: String
    /// The resource the diagnostic is about (`diagnostic.address`).
    public var address: String?
    public var range: SourceRange?
    public var snippet: Snippet?

    public init(severity: String, summary: String, detail: String, address: String? = nil, range: SourceRange? = nil, snippet: Snippet? = nil) {
        self.severity = severity
        self.summary = summary
        self.detail = detail
        self.address = address
        self.range = range
        self.snippet = snippet
    }

    public var isError: Bool { severity == "error" }
}

/// The file and position a diagnostic points at in the configuration.
public struct SourceRange: Equatable, Sendable {
    public var filename: String
    public var line: Int
    public var column: Int

    public init(filename: String, line: Int, column: Int) {
        self.filename = filename
        self.line = line
        self.column = column
    }
}

/// The source line of a diagnostic; offsets are UTF-8 byte offsets into `code` as the engine
/// sent them, not yet checked.
public struct Snippet: Equatable, Sendable {
    public var context: String?
    public var code: String
    public var startLine: Int
    public var highlightStart: Int
    public var highlightEnd: Int

    public init(context: String?, code: String, startLine: Int, highlightStart: Int, highlightEnd: Int) {
        self.context = context
        self.code = code
        self.startLine = startLine
        self.highlightStart = highlightStart
        self.highlightEnd = highlightEnd
    }
}

/// A `planned_change` or `resource_drift` payload.
public struct ResourceChange: Equatable, Sendable {
    public var address: String
    public var previousAddress: String?
    /// `noop`, `create`, `read`, `update`, `replace`, `delete`, `move`, `import`, `remove`.
    public var action: String
    public var reason: String?

    public init(address: String, previousAddress: String? = nil, action: String, reason: String? = nil) {
        self.address = address
        self.previousAddress = previousAddress
        self.action = action
        self.reason = reason
    }
}

/// A `change_summary` payload.
public struct ChangeSummary: Equatable, Sendable {
    public var add: Int
    public var change: Int
    public var remove: Int
    public var importCount: Int
    /// `plan`, `apply` or `destroy`.
    public var operation: String
    public var message: String

    public init(add: Int, change: Int, remove: Int, importCount: Int = 0, operation: String, message: String = "") {
        self.add = add
        self.change = change
        self.remove = remove
        self.importCount = importCount
        self.operation = operation
        self.message = message
    }

    public var isEmpty: Bool { add == 0 && change == 0 && remove == 0 && importCount == 0 }
}

/// An `apply_*` hook payload.
public struct ApplyHook: Equatable, Sendable {
    public var address: String
    public var action: String
    /// Whole seconds since the resource started, as the engine counts them.
    public var elapsedSeconds: Double?
    public var idKey: String?
    public var idValue: String?

    public init(address: String, action: String, elapsedSeconds: Double? = nil, idKey: String? = nil, idValue: String? = nil) {
        self.address = address
        self.action = action
        self.elapsedSeconds = elapsedSeconds
        self.idKey = idKey
        self.idValue = idValue
    }
}

/// A `provision_*` hook payload; `output` is one line, only on `provision_progress`.
public struct ProvisionHook: Equatable, Sendable {
    public var address: String
    public var provisioner: String
    public var output: String?

    public init(address: String, provisioner: String, output: String? = nil) {
        self.address = address
        self.provisioner = provisioner
        self.output = output
    }
}

/// A `refresh_*` hook payload.
public struct RefreshHook: Equatable, Sendable {
    public var address: String
    public var idValue: String?

    public init(address: String, idValue: String? = nil) {
        self.address = address
        self.idValue = idValue
    }
}
