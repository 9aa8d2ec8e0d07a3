import Foundation

/// The AWS provider version Terraform will use works with the blueprint's
/// modules. The old layout requires `hashicorp/aws >= 3.72.0` with no upper
/// bound and no lock file, so a fresh init takes the newest provider; the VPC
/// module v3 in core-infra then fails at plan ("Unsupported argument") on
/// provider 5.0 and later.
public struct ProviderVersionCheck: Check {
    public let id = "preflight.provider-version"
    public let title = "AWS provider version"
    public let dependsOn: [String] = []

    /// The pin that keeps the old layout working.
    public static let pin = ">= 4.22, < 5.0"

    public init() {}

    public func run(_ context: CheckContext) -> CheckResult {
        let folder = context.settings.folder
        let scan = ProviderVersionScan(folder: folder)
        let sibling = folder.deletingLastPathComponent().appendingPathComponent("core-infra")
        let core = sibling.standardizedFileURL == folder.standardizedFileURL ? nil : ProviderVersionScan(folder: sibling)
        let vpcV3 = scan.vpcModuleV3 ?? core?.vpcModuleV3
        let locked = scan.lockedVersion
        let constraints = scan.constraints
        let constraintText = constraints.isEmpty ? "no version constraint" : constraints.map { "\"\($0.text)\" (\($0.file))" }.joined(separator: ", ")
        let pinFix = "Pin the provider in the terraform block's required_providers: aws = { source = \"hashicorp/aws\", version = \"\(Self.pin)\" }, then run `terraform init -upgrade`."

        guard scan.usesAWS || locked != nil else {
            return .pass("The folder's .tf files use no AWS provider.")
        }

        let allowsFive = constraints.allSatisfy { $0.allows(major: 5) }
        let requiresFive = constraints.contains { $0.lowerMajor >= 5 }
        if let vpcV3 {
            if let locked, locked.major >= 5 {
                return .fail(
                    "\(vpcV3) uses the VPC module v3, but .terraform.lock.hcl selects hashicorp/aws \(locked.text); VPC module v3 fails on provider 5.0 and later (\"Unsupported argument\" for enable_classiclink).",
                    fix: pinFix
                )
            }
            if locked == nil && (allowsFive || requiresFive) {
                return .fail(
                    "\(vpcV3) uses the VPC module v3, and the AWS provider has \(constraintText) and no lock file, so a fresh init takes provider 5.0 or later, which the module breaks with.",
                    fix: pinFix
                )
            }
        }
        if locked == nil && allowsFive && constraints.allSatisfy({ $0.upperBound == nil }) {
            return .warn(
                "The AWS provider has \(constraintText) with no upper bound and no .terraform.lock.hcl, so every init may take a newer major version than the blueprint was written for.",
                fix: "For the old layout, pin version = \"\(Self.pin)\" in required_providers; otherwise run `terraform init` once and keep .terraform.lock.hcl with the folder."
            )
        }
        let selected = locked.map { "locked at \($0.text)" } ?? constraintText
        return .pass("hashicorp/aws \(selected).")
    }
}

/// The AWS provider facts in the `.tf` files and the lock file of one folder.
struct ProviderVersionScan {
    var usesAWS = false
    var lockedVersion: Version?
    var constraints: [VersionConstraint] = []
    /// `file: module "name"` for a VPC module of major version 3.
    var vpcModuleV3: String?

    init(folder: URL) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        for name in names where name.hasSuffix(".tf") {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { continue }
            let code = Self.withoutComments(text)
            if code.range(of: #"hashicorp/aws|provider\s+"aws"|(resource|data)\s+"aws_|terraform-aws-modules/"#, options: .regularExpression) != nil {
                usesAWS = true
            }
            for match in Self.captures(#"\baws\s*=\s*\{[^}]*?version\s*=\s*"([^"]+)""#, in: code) {
                constraints.append(VersionConstraint(text: match, file: name))
            }
            if vpcModuleV3 == nil, let module = Self.vpcModuleV3(in: code) {
                vpcModuleV3 = "\(folder.lastPathComponent)/\(name) module \"\(module)\""
            }
        }
        if let lock = try? String(contentsOf: folder.appendingPathComponent(".terraform.lock.hcl"), encoding: .utf8),
           let text = Self.captures(#"provider\s+"[^"]*hashicorp/aws"\s*\{[^}]*?version\s*=\s*"([^"]+)""#, in: lock).first {
            lockedVersion = Version(text)
        }
    }

    private static func vpcModuleV3(in code: String) -> String? {
        let lines = code.components(separatedBy: "\n")
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard let name = captures(#"^\s*module\s+"([^"]+)"\s*\{"#, in: line).first else {
                index += 1
                continue
            }
            var block: [String] = []
            index += 1
            while index < lines.count, !lines[index].hasPrefix("}") {
                block.append(lines[index])
                index += 1
            }
            let body = block.joined(separator: "\n")
            if body.range(of: #"source\s*=\s*"terraform-aws-modules/vpc/aws""#, options: .regularExpression) != nil,
               let version = captures(#"version\s*=\s*"([^"]+)""#, in: body).first,
               VersionConstraint(text: version, file: "").lowerMajor == 3 {
                return name
            }
        }
        return nil
    }

    static func withoutComments(_ text: String) -> String {
        text.components(separatedBy: "\n").map { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("#") || trimmed.hasPrefix("//") ? "" : line
        }.joined(separator: "\n")
    }

    static func captures(_ pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}

/// A dotted version such as `5.1.0`.
struct Version: Comparable {
    var parts: [Int]
    var text: String

    init?(_ text: String) {
        let numbers = text.trimmingCharacters(in: .whitespaces).split(separator: ".").map { Int($0.prefix { $0.isNumber }) }
        guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) else { return nil }
        parts = numbers.compactMap { $0 }
        self.text = text.trimmingCharacters(in: .whitespaces)
    }

    var major: Int { parts[0] }

    static func < (left: Version, right: Version) -> Bool {
        for index in 0..<max(left.parts.count, right.parts.count) {
            let a = index < left.parts.count ? left.parts[index] : 0
            let b = index < right.parts.count ? right.parts[index] : 0
            if a != b { return a < b }
        }
        return false
    }

    static func == (left: Version, right: Version) -> Bool { !(left < right) && !(right < left) }
}

/// A Terraform version constraint such as `>= 3.72.0` or `~> 4.0, != 4.3.0`.
struct VersionConstraint {
    var text: String
    var file: String
    /// The lowest major version allowed (0 when there is no lower bound).
    var lowerMajor = 0
    /// The exclusive upper bound, when there is one.
    var upperBound: Version?

    init(text: String, file: String) {
        self.text = text
        self.file = file
        for clause in text.split(separator: ",") {
            let trimmed = clause.trimmingCharacters(in: .whitespaces)
            let op = String(trimmed.prefix { "<>=!~".contains($0) })
            guard let version = Version(String(trimmed.dropFirst(op.count))) else { continue }
            switch op {
            case ">=", ">":
                lowerMajor = max(lowerMajor, version.major)
            case "<", "<=":
                let bound = op == "<" ? version : Version("\(version.major).\(version.parts.count > 1 ? version.parts[1] : 0).\((version.parts.count > 2 ? version.parts[2] : 0) + 1)")
                upperBound = Self.lower(upperBound, bound)
            case "~>":
                lowerMajor = max(lowerMajor, version.major)
                let bound = version.parts.count <= 2 ? Version("\(version.major + 1).0") : Version("\(version.major).\(version.parts[1] + 1)")
                upperBound = Self.lower(upperBound, bound)
            case "", "=":
                lowerMajor = max(lowerMajor, version.major)
                upperBound = Self.lower(upperBound, Version("\(version.major).\(version.parts.count > 1 ? version.parts[1] : 0).\((version.parts.count > 2 ? version.parts[2] : 0) + 1)"))
            default:
                continue
            }
        }
    }

    /// Whether some version of major `major` or later satisfies the constraint.
    func allows(major: Int) -> Bool {
        guard let upperBound else { return true }
        return upperBound > Version("\(major).0.0")!
    }

    private static func lower(_ current: Version?, _ candidate: Version?) -> Version? {
        guard let candidate else { return current }
        guard let current else { return candidate }
        return min(current, candidate)
    }
}
