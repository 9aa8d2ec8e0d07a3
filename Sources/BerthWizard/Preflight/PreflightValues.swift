import Foundation

/// The blueprint variables the preflight checks read: the value in
/// terraform.tfvars, else the declared default (strings unquoted).
struct PreflightValues {
    private let values: [String: String]

    /// nil when the folder's files could not be read.
    init?(files: BlueprintFiles?) {
        guard let files, let specs = try? files.variables(), let set = try? files.currentValues() else { return nil }
        var merged: [String: String] = [:]
        for spec in specs {
            if let text = spec.defaultText {
                merged[spec.name] = Self.unquoted(text)
            }
        }
        merged.merge(set) { _, fromFile in fromFile }
        values = merged
    }

    init(values: [String: String]) {
        self.values = values
    }

    /// Returns the value of `name`, or nil when it is empty or neither set nor defaulted.
    func value(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    private static func unquoted(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }
}

/// Wording shared by the preflight checks.
enum PreflightWording {
    static let noServices = CheckResult.unknown(
        "This account connection cannot make the preflight look-ups.",
        fix: "Run `berth check` with AWS credentials for the deploy account."
    )

    static let noFiles = CheckResult.unknown(
        "The folder's .tf files or terraform.tfvars could not be read.",
        fix: "Run Berth in the backend-service folder (or pass --folder PATH), and fix what the terraform.tfvars check reports."
    )
}
