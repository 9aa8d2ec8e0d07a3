import Foundation

/// A copy of a Terraform run's model at one moment, made for drawing.
public struct RunSnapshot: Equatable, Sendable {
    public enum Phase: String, Equatable, Sendable, Codable {
        case initializing
        case planning
        case planned
        case applying
        case applied
        case failed
        case interrupted
    }

    public var phase: Phase
    /// The engine's name and version, such as `Terraform 1.15.5`.
    public var engine: String
    public var resources: [ResourceRow]
    public var log: [String]
    public var diagnostics: [DiagnosticView]
    public var summary: ChangeCounts?
    public var outputs: [OutputValue]
    /// Seconds since the run started.
    public var elapsedSeconds: Double
    /// A note shown in the header, such as "stopping safely: waiting for in-flight resources".
    public var notice: String?
    /// Addresses of resources changed outside Terraform (`resource_drift`).
    public var drift: [String] = []
    /// The run's outcome, or nil while it runs.
    public var result: RunResult?
    /// The engine's exit code once it exited; nil for a replayed stream.
    public var exitCode: Int32?
    /// Diagnostics past the model's limit, counted but not kept.
    public var omittedDiagnostics: Int = 0

    public init(
        phase: Phase,
        engine: String = "",
        resources: [ResourceRow] = [],
        log: [String] = [],
        diagnostics: [DiagnosticView] = [],
        summary: ChangeCounts? = nil,
        outputs: [OutputValue] = [],
        elapsedSeconds: Double = 0,
        notice: String? = nil
    ) {
        self.phase = phase
        self.engine = engine
        self.resources = resources
        self.log = log
        self.diagnostics = diagnostics
        self.summary = summary
        self.outputs = outputs
        self.elapsedSeconds = elapsedSeconds
        self.notice = notice
    }

    /// Share of planned resources that reached an end state, 0 when nothing is planned.
    public var progress: Double {
        let planned = resources.count
        guard planned > 0 else { return 0 }
        let finished = resources.filter { $0.state == .complete || $0.state == .errored }.count
        return Double(finished) / Double(planned)
    }
}

/// The outcome of a finished run, judged from the exit code and the error diagnostics.
public enum RunResult: String, Equatable, Sendable, Codable {
    case succeeded
    case failed
    /// Stopped after Berth sent the engine its one SIGINT.
    case interrupted
}

public struct ResourceRow: Equatable, Sendable {
    public enum State: String, Equatable, Sendable, Codable {
        case planned
        case inProgress
        case complete
        case errored
    }

    public var address: String
    /// The planned action: `create`, `update`, `replace`, `delete`, `read`, `noop`.
    public var action: String
    public var state: State
    public var elapsedSeconds: Double
    /// The resource's id once known, or the last provisioner output line.
    public var detail: String

    public init(address: String, action: String, state: State, elapsedSeconds: Double = 0, detail: String = "") {
        self.address = address
        self.action = action
        self.state = state
        self.elapsedSeconds = elapsedSeconds
        self.detail = detail
    }
}

public struct DiagnosticView: Equatable, Sendable {
    public var severity: String
    public var summary: String
    public var detail: String
    public var address: String?
    /// `file:line`, when the diagnostic has a range.
    public var location: String?
    /// The source line with the highlighted part marked, already clamped and safe to draw.
    public var snippet: [String]

    public init(severity: String, summary: String, detail: String, address: String? = nil, location: String? = nil, snippet: [String] = []) {
        self.severity = severity
        self.summary = summary
        self.detail = detail
        self.address = address
        self.location = location
        self.snippet = snippet
    }
}

public struct ChangeCounts: Equatable, Sendable, Codable {
    public var add: Int
    public var change: Int
    public var remove: Int
    public var operation: String

    public init(add: Int, change: Int, remove: Int, operation: String) {
        self.add = add
        self.change = change
        self.remove = remove
        self.operation = operation
    }
}

public struct OutputValue: Equatable, Sendable {
    public var name: String
    /// The value as compact JSON text, or `(sensitive)`.
    public var value: String
    public var sensitive: Bool

    /// Returns `value`, a decoded JSON value, as compact JSON text with sorted keys.
    public static func compactJSON(_ value: Any) -> String {
        // Wrapped in an array so that strings, numbers and booleans encode like objects do.
        guard let data = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return String(describing: value)
        }
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }

    public init(name: String, value: String, sensitive: Bool) {
        self.name = name
        self.value = value
        self.sensitive = sensitive
    }
}
