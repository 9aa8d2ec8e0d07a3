import Foundation

/// A terraform.tfvars value that differs from the one last applied.
public struct FieldChange: Equatable, Sendable {
    public var name: String
    /// The applied value, nil when the variable was not set then.
    public var old: String?
    /// The value in the file now, nil when the assignment was removed.
    public var new: String?

    public init(name: String, old: String?, new: String?) {
        self.name = name
        self.old = old
        self.new = new
    }

    /// The change as `old → new`, with `(not set)` for a missing side.
    public var text: String { "\(old ?? "(not set)") → \(new ?? "(not set)")" }

    /// Compares the values of the last apply with the file's values and returns exactly the
    /// variables that differ, by name. `ignoring` lists variables that are never compared,
    /// such as sensitive ones.
    public static func changes(applied: [String: String], current: [String: String], ignoring: Set<String> = []) -> [FieldChange] {
        let names = Set(applied.keys).union(current.keys).subtracting(ignoring)
        return names.sorted().compactMap { name in
            let old = applied[name]
            let new = current[name]
            return old == new ? nil : FieldChange(name: name, old: old, new: new)
        }
    }
}
