extension RunModel {
    /// Returns the header note for a finished run: what happened to state, and whether re-running is
    /// safe.
    static func finalNotice(result: RunResult?, resources: [ResourceProgress], summary: ChangeCounts?, drift: [String]) -> String? {
        let finished = resources.filter { $0.state == .complete }.count
        let unfinished = resources.filter { $0.state == .planned || $0.state == .inProgress }.count

        switch result {
        case .interrupted:
            return "Stopped safely: \(finished) of \(resources.count) resources finished and are saved in the state; running apply again continues from there."
        case .failed where finished > 0:
            return "Partly applied: \(finished) of \(resources.count) resources finished and Terraform saved them in the state; after fixing the error, running apply again is safe."
        case .failed:
            return nil
        case .succeeded:
            guard let summary, summary.operation == "plan" else { return nil }
            let nothingToDo = summary.add == 0 && summary.change == 0 && summary.remove == 0
            guard nothingToDo, unfinished == 0 || resources.isEmpty else { return nil }
            if drift.isEmpty {
                return "Nothing to apply: the infrastructure matches the configuration."
            }
            let noun = drift.count == 1 ? "resource" : "resources"
            return "Nothing to apply (drift noted: \(drift.count) \(noun))"
        case nil:
            return nil
        }
    }
}
