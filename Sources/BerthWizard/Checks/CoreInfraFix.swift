import Foundation

/// Wording shared by the core-infra checks.
enum CoreInfraFix {
    static func deploy(_ settings: CheckSettings) -> String {
        let clause = deployClause(settings)
        return clause.prefix(1).uppercased() + clause.dropFirst()
    }

    /// The words every "core-infra is not there" fix contains. `CoreInfraLookup` separates a
    /// missing object from other failures (duplicates, expired credentials) by them.
    static let deployWords = "deploy core-infra in "

    /// Returns the fix as a clause that can follow "or ".
    static func deployClause(_ settings: CheckSettings) -> String {
        let region = settings.region ?? "the deploy region"
        return "\(deployWords)\(region) with core_stack_name = \"\(settings.coreStackName)\" (or set core_stack_name to the name your core-infra used)."
    }

    /// Returns where the core-infra names are set: terraform.tfvars when the blueprint
    /// declares `core_stack_name`, else the `.tf` file that hard-codes the cluster name.
    static func nameSource(_ context: CheckContext) -> String {
        let declared = (try? context.files?.variables())?.contains { $0.name == "core_stack_name" } ?? true
        if declared {
            return "core_stack_name (or ecs_cluster_name) in terraform.tfvars"
        }
        let folder = context.settings.folder
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".tf") }.sorted()
        let file = names.first { name in
            (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))?.contains("cluster_name") == true
        }
        return "the cluster name hard-coded in \(file ?? "the blueprint's .tf files") (this blueprint has no core_stack_name variable)"
    }

    static func services(_ context: CheckContext) -> AccountServices? {
        context.account.services
    }

    static let noAccount = CheckResult.unknown("No AWS account to look in.", fix: "Fix \"AWS credentials\" first.")
}

/// Names in `candidates` close to `name`: sharing a prefix or a word, or within a few edits.
enum SimilarNames {
    static func matching(_ name: String, in candidates: [String]) -> [String] {
        let words = Set(name.lowercased().split(whereSeparator: { "-_.".contains($0) }).map(String.init))
        return candidates.filter { candidate in
            guard candidate != name else { return false }
            let lower = candidate.lowercased()
            if lower.hasPrefix(name.lowercased()) || name.lowercased().hasPrefix(lower) { return true }
            let candidateWords = Set(lower.split(whereSeparator: { "-_.".contains($0) }).map(String.init))
            if !words.isDisjoint(with: candidateWords) { return true }
            return distance(lower, name.lowercased()) <= 3
        }
    }

    /// Levenshtein distance between two short strings.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            previous = current
        }
        return previous[b.count]
    }
}
