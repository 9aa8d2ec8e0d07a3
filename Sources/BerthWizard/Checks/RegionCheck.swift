import Foundation

/// The deploy region: resolved, well-formed, and the same as any region the
/// blueprint's `provider "aws"` block hard-codes.
public struct RegionCheck: Check {
    public let id = "region"
    public let title = "Deploy region"
    public let dependsOn: [String] = []

    public init() {}

    public func run(_ context: CheckContext) -> CheckResult {
        let settings = context.settings
        guard let region = settings.region, !region.isEmpty else {
            // NOTE: matches the missing-region message of BerthAWS's RegionResolver; any other set-up failure stopped resolution before the region.
            if case .unavailable(let message, let fix) = context.account {
                if !message.hasPrefix("No AWS region is set") {
                    // The reason is repeated here because `--only region` does not print the credentials row.
                    let reason = message.hasSuffix(".") ? message : message + "."
                    return .unknown(
                        "Not known: resolving the AWS set-up failed before a region was chosen. \(reason)",
                        fix: fix
                    )
                }
                if message.contains("is not a profile") {
                    return .fail(message, fix: fix)
                }
            }
            return .fail(
                "No region is set (not in --region, AWS_REGION, AWS_DEFAULT_REGION or the profile).",
                fix: "Pass --region us-west-2 (or your region), or set `aws_region` in terraform.tfvars."
            )
        }
        guard RegionCheck.isWellFormed(region) else {
            return .fail(
                "The region \"\(region)\" (from \(settings.regionSource)) is not a region name.",
                fix: "Use a region such as us-west-2, not an availability zone such as us-west-2a."
            )
        }

        let pinned = ProviderRegionScanner.hardCodedRegions(in: settings.folder)
        if let mismatch = pinned.first(where: { $0.region != region }) {
            return .fail(
                "Berth would check \(region) (from \(settings.regionSource)), but \(mismatch.file):\(mismatch.line) pins provider \"aws\" to \(mismatch.region).",
                fix: "Deploy in \(mismatch.region) (pass --region \(mismatch.region)), or change the region in \(mismatch.file) so both agree.",
                facts: ["region": region]
            )
        }
        return .pass("\(region) (from \(settings.regionSource))", facts: ["region": region, "region_source": settings.regionSource])
    }

    /// Returns whether `region` looks like `us-west-2` or `us-gov-west-1`.
    public static func isWellFormed(_ region: String) -> Bool {
        region.range(of: #"^[a-z]{2}(-gov)?-[a-z]+-\d$"#, options: .regularExpression) != nil
    }
}

/// Finds regions hard-coded in `provider "aws"` blocks of a folder's `.tf`
/// files: a literal `region = "us-west-2"`, or `region = local.name` whose
/// local is a literal (the later blueprint layouts do this).
public enum ProviderRegionScanner {
    public struct Pin: Equatable, Sendable {
        public var file: String
        public var line: Int
        public var region: String
    }

    public static func hardCodedRegions(in folder: URL) -> [Pin] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var texts: [(String, String)] = []
        for name in names.sorted() where name.hasSuffix(".tf") {
            if let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) {
                texts.append((name, text))
            }
        }
        let locals = texts.reduce(into: [String: String]()) { found, entry in
            found.merge(literalAssignments(in: entry.1)) { first, _ in first }
        }
        return texts.flatMap { scan($0.1, file: $0.0, locals: locals) }
    }

    /// Tracks brace depth from each `provider "aws" {` line and reads `region` at depth 1.
    static func scan(_ text: String, file: String, locals: [String: String] = [:]) -> [Pin] {
        var pins: [Pin] = []
        var depth = 0
        var inProvider = false
        for (index, rawLine) in text.components(separatedBy: "\n").enumerated() {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") || line.hasPrefix("//") { continue }
            if !inProvider, let opening = line.range(of: #"^provider\s+"aws"\s*\{"#, options: .regularExpression) {
                inProvider = true
                depth = 1
                line = String(line[opening.upperBound...]).trimmingCharacters(in: .whitespaces)
            } else if inProvider == false {
                continue
            }
            if depth == 1, let region = regionValue(in: line, locals: locals) {
                pins.append(Pin(file: file, line: index + 1, region: region))
            }
            depth += line.filter { $0 == "{" }.count - line.filter { $0 == "}" }.count
            if depth <= 0 { inProvider = false }
        }
        return pins
    }

    private static func regionValue(in line: String, locals: [String: String]) -> String? {
        if let match = line.range(of: #"^region\s*=\s*"[^"$]+""#, options: .regularExpression) {
            return line[match].split(separator: "\"").dropFirst().first.map(String.init)
        }
        if let match = line.range(of: #"^region\s*=\s*local\.[A-Za-z0-9_]+"#, options: .regularExpression) {
            let name = line[match].components(separatedBy: "local.").last ?? ""
            return locals[name]
        }
        return nil
    }

    /// `name = "literal"` lines inside `locals { ... }` blocks.
    static func literalAssignments(in text: String) -> [String: String] {
        var found: [String: String] = [:]
        var depth = 0
        for rawLine in text.components(separatedBy: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if depth == 0, line.range(of: #"^locals\s*\{"#, options: .regularExpression) != nil {
                depth = 1
                continue
            }
            guard depth > 0 else { continue }
            if depth == 1, let match = line.range(of: #"^[A-Za-z0-9_]+\s*=\s*"[^"$]*"\s*$"#, options: .regularExpression) {
                let parts = line[match].split(separator: "=", maxSplits: 1)
                let name = parts[0].trimmingCharacters(in: .whitespaces)
                let value = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                found[name] = value
            }
            depth += line.filter { $0 == "{" }.count - line.filter { $0 == "}" }.count
        }
        return found
    }
}
