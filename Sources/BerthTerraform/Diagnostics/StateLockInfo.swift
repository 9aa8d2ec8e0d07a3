import Foundation

/// The lock holder named in an "Error acquiring the state lock" diagnostic, whose details
/// come only as padded free text (`  ID:        3f2b…`).
public struct StateLockInfo: Equatable, Sendable {
    public var id: String
    public var path: String?
    public var operation: String?
    public var who: String?
    public var version: String?
    /// The `Created` text as printed, such as `2024-01-01 10:00:00 +0000 UTC`.
    public var created: String?

    public init(id: String, path: String? = nil, operation: String? = nil, who: String? = nil, version: String? = nil, created: String? = nil) {
        self.id = id
        self.path = path
        self.operation = operation
        self.who = who
        self.version = version
        self.created = created
    }

    /// Reads the lock from a diagnostic whose summary mentions acquiring the state lock; nil
    /// for other diagnostics or when the detail names no lock ID.
    public static func parse(_ diagnostic: Diagnostic) -> StateLockInfo? {
        parse(summary: diagnostic.summary, detail: diagnostic.detail)
    }

    /// Reads the lock from a summary and detail text.
    public static func parse(summary: String, detail: String) -> StateLockInfo? {
        guard summary.range(of: "acquiring the state lock", options: .caseInsensitive) != nil else { return nil }
        guard let id = field("ID", in: detail) else { return nil }
        return StateLockInfo(
            id: id,
            path: field("Path", in: detail),
            operation: field("Operation", in: detail),
            who: field("Who", in: detail),
            version: field("Version", in: detail),
            created: field("Created", in: detail)
        )
    }

    /// `force-unlock -force ID`: for the user to run, or to confirm, once no other run holds
    /// the lock. Berth never unlocks on its own and never passes `-lock=false`.
    public var forceUnlockArguments: [String] {
        ["force-unlock", "-force", id]
    }

    /// Returns the lock's age at `now`, when `created` can be read.
    public func age(at now: Date) -> TimeInterval? {
        guard let created else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        // Go prints time.Time as "2006-01-02 15:04:05.999999999 -0700 MST".
        let trimmed = created.replacingOccurrences(of: #"\.\d+"#, with: "", options: .regularExpression)
        for format in ["yyyy-MM-dd HH:mm:ss Z zzz", "yyyy-MM-dd HH:mm:ss Z"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) {
                return now.timeIntervalSince(date)
            }
        }
        return nil
    }

    private static func field(_ name: String, in detail: String) -> String? {
        let pattern = "(?m)^[ \\t]*" + name + ":[ \\t]*(\\S.*?)[ \\t]*$"
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: detail, range: NSRange(detail.startIndex..., in: detail)),
              let range = Range(match.range(at: 1), in: detail) else { return nil }
        return String(detail[range])
    }
}
