import Foundation

/// The changes a saved plan will make, read from `terraform show -json PLANFILE`, for the review
/// screen before apply.
public struct PlanReview: Equatable, Sendable {
    /// One resource change: its address and, for replacements and updates, why.
    public struct Change: Equatable, Sendable {
        public var address: String
        /// `actions` as the plan spells them: `create`, `update`, `delete`, `read`, `no-op`.
        public var actions: [String]
        public var reason: String?

        public init(address: String, actions: [String], reason: String? = nil) {
            self.address = address
            self.actions = actions
            self.reason = reason
        }
    }

    public var creates: [Change] = []
    public var updates: [Change] = []
    /// `["delete","create"]` or `["create","delete"]`.
    public var replacements: [Change] = []
    public var destroys: [Change] = []
    public var reads: [Change] = []
    /// Resources changed outside Terraform since the last apply.
    public var drift: [Change] = []
    /// Output names that the plan creates, updates or deletes.
    public var outputChanges: [String] = []
    /// The outputs whose values are known at plan time (all of them when nothing changes),
    /// in name order; a sensitive one reads `(sensitive)`.
    public var knownOutputs: [OutputValue] = []
    /// `applyable`: false when there is nothing an apply could do (absent before 1.6: true).
    public var applyable: Bool = true
    /// `errored`: the plan stopped on an error.
    public var errored: Bool = false
    public var terraformVersion: String = ""

    public init() {}

    /// True when applying the plan would change no resource and no output.
    public var noChanges: Bool {
        creates.isEmpty && updates.isEmpty && replacements.isEmpty && destroys.isEmpty && outputChanges.isEmpty
    }

    /// Reads the JSON plan representation.
    public static func decode(_ data: Data) throws -> PlanReview {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            let start = String(decoding: data.prefix(120), as: UTF8.self)
            throw PlanReviewError(message: "terraform show -json printed no JSON object (it began with \"\(start)\"); check that the plan file exists and was made by the same engine")
        }
        guard object["resource_changes"] != nil || object["format_version"] != nil else {
            throw PlanReviewError(message: "the JSON from terraform show has no resource_changes or format_version, so it is not a plan")
        }

        var review = PlanReview()
        review.terraformVersion = object["terraform_version"] as? String ?? ""
        review.applyable = object["applyable"] as? Bool ?? true
        review.errored = object["errored"] as? Bool ?? false

        for entry in object["resource_changes"] as? [[String: Any]] ?? [] {
            guard let change = self.change(entry) else { continue }
            switch change.actions {
            case ["create"]: review.creates.append(change)
            case ["update"]: review.updates.append(change)
            case ["delete"]: review.destroys.append(change)
            case ["read"]: review.reads.append(change)
            case ["delete", "create"], ["create", "delete"]: review.replacements.append(change)
            default: break
            }
        }
        review.drift = (object["resource_drift"] as? [[String: Any]] ?? []).compactMap(self.change)

        let outputs = object["output_changes"] as? [String: Any] ?? [:]
        review.outputChanges = outputs.keys.sorted().filter { name in
            let actions = (outputs[name] as? [String: Any])?["actions"] as? [String] ?? []
            return actions != ["no-op"] && !actions.isEmpty
        }

        let planned = (object["planned_values"] as? [String: Any])?["outputs"] as? [String: Any] ?? [:]
        review.knownOutputs = planned.keys.sorted().compactMap { name in
            guard let entry = planned[name] as? [String: Any] else { return nil }
            if entry["sensitive"] as? Bool == true {
                return OutputValue(name: name, value: "(sensitive)", sensitive: true)
            }
            guard let value = entry["value"] else { return nil }
            return OutputValue(name: name, value: OutputValue.compactJSON(value), sensitive: false)
        }
        return review
    }

    private static func change(_ entry: [String: Any]) -> Change? {
        guard let address = entry["address"] as? String,
              let actions = (entry["change"] as? [String: Any])?["actions"] as? [String] else { return nil }
        return Change(address: address, actions: actions, reason: entry["action_reason"] as? String)
    }
}

/// The JSON given as a plan could not be read.
public struct PlanReviewError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
