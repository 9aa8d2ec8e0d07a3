import Foundation

/// The record of a folder's previous deploy for `berth redeploy`: the values of the last
/// apply stored in `.berth/session.json`, compared with terraform.tfvars as it is now.
public struct RedeployBaseline: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// No session file, or a session without an apply: every value counts as current.
        case noEarlierRun
        case lastApply(Date?)
    }

    public var kind: Kind
    public var changes: [FieldChange]

    public init(kind: Kind, changes: [FieldChange]) {
        self.kind = kind
        self.changes = changes
    }

    /// Builds the baseline from the stored session and the folder's current values.
    public init(session: Session?, current: [String: String], sensitive: Set<String>) {
        guard let applied = session?.applied else {
            self.init(kind: .noEarlierRun, changes: [])
            return
        }
        self.init(kind: .lastApply(session?.appliedAt), changes: FieldChange.changes(applied: applied, current: current, ignoring: sensitive))
    }

    /// Returns the screen blocks that describe the baseline.
    public func blocks() -> [ScreenBlock] {
        switch kind {
        case .noEarlierRun:
            return [.paragraph("No earlier Berth run is known for this folder, so every value in terraform.tfvars is treated as current.", .dim)]
        case .lastApply(let date):
            let when = date.map { " (\(Self.format($0)))" } ?? ""
            if changes.isEmpty {
                return [.paragraph("terraform.tfvars has not changed since the last apply\(when).", .dim)]
            }
            return [
                .paragraph("Changed in terraform.tfvars since the last apply\(when):", .emphasis),
                .table(changes.map { KeyValueRow($0.name, TokenPattern.mask($0.text)) }),
            ]
        }
    }

    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
