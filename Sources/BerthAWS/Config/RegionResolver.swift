import Foundation

/// Picks the region in the order `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, profile `region`,
/// and checks that it looks like a region name.
public enum RegionResolver {
    /// Returns the region and where it came from, or throws when it is missing or malformed.
    public static func resolve(explicit: String?, environment: AWSEnvironment, shared: AWSSharedConfig,
                               profile: String?) throws -> (region: String, source: String) {
        var candidates: [(String?, String)] = [
            (explicit, "--region"),
            (environment.value("AWS_REGION"), "AWS_REGION"),
            (environment.value("AWS_DEFAULT_REGION"), "AWS_DEFAULT_REGION"),
        ]
        if let profile {
            candidates.append((shared.setting("region", profile: profile), "profile \(profile) in \(shared.config.path)"))
        }
        for case let (value?, source) in candidates {
            let region = value.trimmingCharacters(in: .whitespaces)
            try validate(region, source: source)
            return (region, source)
        }
        if let profile, let misplaced = shared.config.warnings.first(where: { $0.message.hasPrefix("[\(profile)] is not a profile") }) {
            throw AWSSetupError(.missingRegion,
                                "No AWS region is set: [\(profile)] in \(shared.config.path) is not a profile, so its settings (such as `region`) are ignored; the config file names a profile [profile \(profile)].",
                                fix: "Rename the section [\(profile)] to [profile \(profile)] in \(shared.config.path), or pass --region.",
                                file: shared.config.path, line: misplaced.line)
        }
        let profileHint = profile.map { " (`aws configure set region REGION --profile \(quoted($0))`)" } ?? ""
        throw AWSSetupError(.missingRegion,
                            "No AWS region is set: not in --region, AWS_REGION, AWS_DEFAULT_REGION or the profile's `region`.",
                            fix: "Pass --region (for example --region us-west-2), set AWS_REGION, or add `region = …` to the profile\(profileHint).")
    }

    /// Throws when `region` does not match `^[a-z]{2}(-gov)?-[a-z]+-\d$`, with a hint for availability zones.
    public static func validate(_ region: String, source: String) throws {
        if isValid(region) { return }
        if let last = region.last, last.isLetter, isValid(String(region.dropLast())) {
            throw AWSSetupError(.invalidRegion,
                                "The region \"\(region)\" from \(source) looks like an availability zone, not a region.",
                                fix: "Use the region \"\(region.dropLast())\" instead.")
        }
        throw AWSSetupError(.invalidRegion, "The region \"\(region)\" from \(source) is not a valid AWS region name.",
                            fix: "Use a region name such as us-west-2 or eu-central-1.")
    }

    /// Returns whether `region` has the form of a region name, such as `us-west-2` or `us-gov-east-1`.
    public static func isValid(_ region: String) -> Bool {
        region.range(of: #"^[a-z]{2}(-gov)?-[a-z]+-\d$"#, options: .regularExpression) != nil
    }

    /// `name` in single quotes when it has characters a shell would split on.
    static func quoted(_ name: String) -> String {
        let safe = name.allSatisfy { $0.isLetter || $0.isNumber || "-_.@+=".contains($0) }
        return safe ? name : "'" + name.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
