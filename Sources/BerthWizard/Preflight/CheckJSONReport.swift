import Foundation

/// The document `berth check --json` prints; docs/check-json.md describes it
/// and docs/check-schema.json is its JSON Schema.
public enum CheckJSONReport {
    public static let schemaVersion = 1

    /// Returns the report as a JSON object, with evidence and fixes masked for tokens.
    public static func document(
        checks: [Check],
        results: [String: CheckResult],
        settings: CheckSettings,
        skipped: [String],
        strict: Bool,
        exitStatus: Int32,
        time: Date
    ) -> [String: Any] {
        var counts = ["pass": 0, "warn": 0, "fail": 0, "unknown": 0]
        var entries: [[String: Any]] = []
        for check in checks {
            let result = results[check.id] ?? .unknown("The check did not run.", fix: nil)
            let outcome = outcomeName(result.status)
            counts[outcome, default: 0] += 1
            entries.append([
                "id": check.id,
                "title": check.title,
                "outcome": outcome,
                "evidence": TokenPattern.mask(result.evidence),
                "fix": result.fix.map(TokenPattern.mask) ?? NSNull(),
                "dependsOn": check.dependsOn,
            ])
        }
        let account = results["identity"]?.facts["account"]
        return [
            "schemaVersion": schemaVersion,
            "berthVersion": BerthVersion.current,
            "time": timestamp(time),
            "folder": settings.folder.path,
            "region": settings.region ?? NSNull(),
            "account": account ?? NSNull(),
            "strict": strict,
            "skipped": skipped,
            "summary": [
                "total": checks.count,
                "pass": counts["pass"] ?? 0,
                "warn": counts["warn"] ?? 0,
                "fail": counts["fail"] ?? 0,
                "unknown": counts["unknown"] ?? 0,
            ],
            "exitStatus": Int(exitStatus),
            "checks": entries,
        ]
    }

    /// Returns the document as pretty-printed JSON text with sorted keys.
    public static func text(_ document: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// `pass`, `warn`, `fail` or `unknown`; a check still pending or running counts as `unknown`.
    public static func outcomeName(_ status: CheckStatus) -> String {
        switch status {
        case .pass: return "pass"
        case .warn: return "warn"
        case .fail: return "fail"
        case .unknown, .pending, .running: return "unknown"
        }
    }

    /// 0 when every reported check passed (warnings too, unless `strict`), 1 otherwise.
    public static func exitStatus(checks: [Check], results: [String: CheckResult], strict: Bool) -> Int32 {
        let allowed: Set<CheckStatus> = strict ? [.pass] : [.pass, .warn]
        return checks.allSatisfy { allowed.contains(results[$0.id]?.status ?? .unknown) } ? 0 : 1
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
