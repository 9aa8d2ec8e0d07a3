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

    /// Returns `document` with the `berth check --deployed` results added to `checks`, `summary`
    /// and `exitStatus`, and with the `deployed` object that docs/check-json.md describes.
    public static func addingDeployed(
        to document: [String: Any],
        target: DeployedTarget?,
        results: [String: CheckResult],
        timeout: TimeInterval,
        exitStatus: Int32
    ) -> [String: Any] {
        var document = document
        var entries = document["checks"] as? [[String: Any]] ?? []
        var summary = document["summary"] as? [String: Int] ?? [:]
        for id in DeployedVerifier.ids {
            let result = results[id] ?? .unknown("The check did not run.", fix: nil)
            let outcome = outcomeName(result.status)
            summary[outcome, default: 0] += 1
            summary["total", default: 0] += 1
            entries.append([
                "id": id,
                "title": DeployedVerifier.titles[id] ?? id,
                "outcome": outcome,
                "evidence": TokenPattern.mask(result.evidence),
                "fix": result.fix.map(TokenPattern.mask) ?? NSNull(),
                "dependsOn": [String](),
            ])
        }
        document["checks"] = entries
        document["summary"] = summary
        document["exitStatus"] = Int(exitStatus)
        document["deployed"] = deployedObject(target: target, results: results, timeout: timeout)
        return document
    }

    /// Builds the `deployed` object from the results' facts: names, counts, the pipeline run and stop reasons.
    static func deployedObject(target: DeployedTarget?, results: [String: CheckResult], timeout: TimeInterval) -> [String: Any] {
        let service = results["deployed.service"]?.facts ?? [:]
        let discovery = results["deployed.discovery"]?.facts ?? [:]
        let pipeline = results["deployed.pipeline"]?.facts ?? [:]
        func number(_ text: String?) -> Any { text.flatMap { Int($0) } ?? NSNull() }

        var execution: Any = NSNull()
        if let id = pipeline["pipeline_execution_id"], let status = pipeline["pipeline_status"] {
            execution = ["id": id, "status": status, "lastUpdate": pipeline["pipeline_last_update"] ?? NSNull()] as [String: Any]
        }
        let reasons = service["stopped_reasons"].flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String] } ?? []
        let timedOut = results.values.contains { $0.facts["timed_out"] != nil }
        return [
            "cluster": target?.cluster ?? NSNull(),
            "serviceName": target?.serviceName ?? NSNull(),
            "namespace": target?.namespaceName ?? NSNull(),
            "pipelineName": target?.pipelineName ?? NSNull(),
            "timeoutSeconds": timeout,
            "notDeployed": service["not_deployed"] != nil,
            "timedOut": timedOut,
            "serviceStatus": service["service_status"] ?? NSNull(),
            "desiredCount": number(service["desired"]),
            "runningCount": number(service["running"]),
            "pendingCount": number(service["pending"]),
            "registeredInstances": number(discovery["instances"]),
            "pipelineExecution": execution,
            "stoppedTaskReasons": reasons.map(TokenPattern.mask),
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
