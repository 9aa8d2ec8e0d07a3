import Foundation

/// The state `RunModel` keeps for one resource address.
final class ResourceProgress {
    let address: String
    var action: String
    var state: ResourceRow.State = .planned
    var startedAt: Date?
    var endedAt: Date?
    /// `elapsed_seconds` from the engine's final hook, whole seconds.
    var engineElapsed: Double?
    var detail = ""
    /// The last provisioner output lines, oldest first.
    private(set) var output: [String] = []
    static let maxOutputLines = 50
    /// The output lines a resource keeps once it completed, so a long apply's memory
    /// depends on the number of resources and not on how much each one printed.
    static let maxOutputLinesWhenComplete = 5

    init(address: String, action: String) {
        self.address = address
        self.action = action
    }

    func appendOutput(_ line: String) {
        output.append(line)
        let limit = state == .complete ? ResourceProgress.maxOutputLinesWhenComplete : ResourceProgress.maxOutputLines
        if output.count > limit + 10 {
            output.removeFirst(output.count - limit)
        }
    }

    /// Drops all but the last lines a completed resource keeps.
    func trimOutputWhenComplete() {
        if output.count > ResourceProgress.maxOutputLinesWhenComplete {
            output = Array(output.suffix(ResourceProgress.maxOutputLinesWhenComplete))
        }
    }

    /// Returns the row to draw at `now`: a running resource's time counts from its `apply_start` by
    /// the model's clock, a finished one keeps its final time.
    func row(now: Date) -> ResourceRow {
        var elapsed = 0.0
        if let startedAt {
            elapsed = max(0, (endedAt ?? now).timeIntervalSince(startedAt))
        }
        if let engineElapsed, endedAt != nil {
            elapsed = max(elapsed, engineElapsed)
        }
        return ResourceRow(address: address, action: action, state: state, elapsedSeconds: elapsed, detail: detail)
    }
}
