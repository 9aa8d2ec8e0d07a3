import Foundation

/// The naming rules that `S3BackendConfiguration.problems(engine:)` applies. Bucket rules
/// are those of S3 general purpose buckets. Key rules are those that Terraform's S3 backend
/// enforces at `init` (observed with Terraform 1.15.5), so a bad key fails here first.
enum S3BackendRules {
    static let reservedBucketPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"]
    static let reservedBucketSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]

    static func bucketProblems(_ bucket: String) -> [BackendConfigurationError] {
        func problem(_ reason: String) -> [BackendConfigurationError] {
            [BackendConfigurationError(field: .bucket, value: bucket, reason: reason)]
        }

        guard !bucket.isEmpty else {
            return problem("a bucket name is required; enter the name of an existing S3 bucket")
        }
        if bucket != bucket.lowercased(), bucket.lowercased().allSatisfy(isBucketCharacter) {
            return problem("bucket names use lowercase letters only; did you mean \"\(bucket.lowercased())\"?")
        }
        if let bad = bucket.first(where: { !isBucketCharacter($0) }) {
            return problem("the character \"\(bad)\" is not allowed; use lowercase letters, digits, dots and hyphens")
        }
        guard (3...63).contains(bucket.count) else {
            return problem("the name has \(bucket.count) characters; bucket names have 3 to 63")
        }
        guard let first = bucket.first, let last = bucket.last, isLetterOrDigit(first), isLetterOrDigit(last) else {
            return problem("bucket names begin and end with a lowercase letter or a digit")
        }
        if bucket.contains("..") {
            return problem("bucket names cannot contain two dots in a row")
        }
        if looksLikeIPv4(bucket) {
            return problem("bucket names cannot be formatted as an IP address")
        }
        if let prefix = reservedBucketPrefixes.first(where: bucket.hasPrefix) {
            return problem("the prefix \"\(prefix)\" is reserved by AWS; choose another name")
        }
        if let suffix = reservedBucketSuffixes.first(where: bucket.hasSuffix) {
            return problem("the suffix \"\(suffix)\" is reserved by AWS; choose another name")
        }
        return []
    }

    /// Returns `key` without empty path segments or control characters, which passes every key
    /// rule unless it is too long; `backend-service/terraform.tfstate` when nothing is left.
    static func suggestedKey(for key: String) -> String {
        let printable = String(String.UnicodeScalarView(key.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        let joined = printable.split(separator: "/").joined(separator: "/")
        return joined.isEmpty ? "backend-service/terraform.tfstate" : joined
    }

    static func keyProblems(_ key: String) -> [BackendConfigurationError] {
        func problem(_ reason: String) -> [BackendConfigurationError] {
            [BackendConfigurationError(field: .key, value: key, reason: reason)]
        }

        guard !key.isEmpty else {
            return problem("a state key is required, such as \"backend-service/terraform.tfstate\"")
        }
        let suggestion = suggestedKey(for: key)
        if key.hasPrefix("/") {
            return problem("the key must not start with \"/\"; use \"\(suggestion)\"")
        }
        if key.hasSuffix("/") {
            return problem("the key must not end with \"/\", because it names the state object itself; use \"\(suggestion)\", or add a file name such as \"\(suggestion)/terraform.tfstate\"")
        }
        if key.contains("//") {
            return problem("the key must not contain an empty path segment (\"//\"); use \"\(suggestion)\"")
        }
        if key.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return problem("the key must not contain control characters such as a tab or a line break")
        }
        if key.utf8.count > 1024 {
            return problem("the key is \(key.utf8.count) bytes long; S3 keys are at most 1024 bytes")
        }
        return []
    }

    static func regionProblems(_ region: String) -> [BackendConfigurationError] {
        func problem(_ reason: String) -> [BackendConfigurationError] {
            [BackendConfigurationError(field: .region, value: region, reason: reason)]
        }

        guard !region.isEmpty else {
            return problem("the bucket's region is required, such as \"us-west-2\"")
        }
        if region.range(of: #"^[a-z]{2}(-gov)?-[a-z]+-\d$"#, options: .regularExpression) != nil {
            return []
        }
        if region.range(of: #"^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$"#, options: .regularExpression) != nil {
            return problem("this is an Availability Zone; use its region \"\(region.dropLast())\"")
        }
        return problem("a region looks like \"us-west-2\" or \"us-gov-west-1\"; check the bucket's region in the S3 console")
    }

    static func tableProblems(_ table: String) -> [BackendConfigurationError] {
        let allowed = table.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "_.-".unicodeScalars.contains(scalar))
        }
        guard (3...255).contains(table.count), allowed else {
            return [BackendConfigurationError(field: .dynamoDBTable, value: table, reason: "DynamoDB table names have 3 to 255 characters: letters, digits, \"_\", \".\" and \"-\"")]
        }
        return []
    }

    static func endpointProblems(_ url: URL) -> [BackendConfigurationError] {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let redactedURL = components.map { copy -> String in
            var copy = copy
            copy.user = nil
            copy.password = nil
            return copy.string ?? ""
        } ?? ""
        func problem(_ reason: String) -> [BackendConfigurationError] {
            [BackendConfigurationError(field: .endpoint, value: redactedURL, reason: reason)]
        }

        guard let components, let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
            return problem("the endpoint must be an http:// or https:// URL")
        }
        guard let host = components.host, !host.isEmpty else {
            return problem("the endpoint URL has no host name")
        }
        if components.user != nil || components.password != nil {
            return problem("the endpoint URL must not contain a user name or password, because backend files are shared; give credentials through the AWS profile")
        }
        if components.query != nil || components.fragment != nil {
            return problem("the endpoint URL must not have a query or a fragment")
        }
        return []
    }

    static func engineProblems(_ engine: Engine, locking: S3BackendConfiguration.Locking, hasEndpoint: Bool) -> [BackendConfigurationError] {
        var found: [BackendConfigurationError] = []
        let version = engine.semanticVersion
        if locking == .lockfile {
            let minimum = engine.name == "tofu" ? EngineVersion(major: 1, minor: 8, patch: 0) : EngineVersion(major: 1, minor: 10, patch: 0)
            if version < minimum {
                found.append(BackendConfigurationError(field: .engine, value: engine.displayName, reason: "S3 lock files (use_lockfile) need \(engine.name == "tofu" ? "OpenTofu" : "Terraform") \(minimum) or later; upgrade, or lock with a DynamoDB table"))
            }
        }
        // Terraform 1.6 rewrote the S3 backend and added `endpoints` and `use_path_style`.
        if hasEndpoint, engine.name == "terraform", version < EngineVersion(major: 1, minor: 6, patch: 0) {
            found.append(BackendConfigurationError(field: .engine, value: engine.displayName, reason: "an endpoint override needs Terraform 1.6 or later; upgrade Terraform"))
        }
        return found
    }

    private static func isBucketCharacter(_ character: Character) -> Bool {
        isLetterOrDigit(character) || character == "." || character == "-"
    }

    private static func isLetterOrDigit(_ character: Character) -> Bool {
        character.isASCII && (character.isLowercase || character.isNumber)
    }

    private static func looksLikeIPv4(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isNumber) }
    }
}
