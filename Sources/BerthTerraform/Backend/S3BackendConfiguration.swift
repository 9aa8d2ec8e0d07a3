import Foundation

/// The settings of a `backend "s3"` block: where Terraform keeps the state of a blueprint
/// so that a team shares one copy, and how runs lock it.
public struct S3BackendConfiguration: Equatable, Sendable {
    /// The lock that keeps two runs from writing the state at once.
    public enum Locking: Equatable, Sendable {
        /// `use_lockfile = true`: a `.tflock` object beside the state, written with S3
        /// conditional writes. Needs Terraform 1.10 or later (generally available in 1.11),
        /// or OpenTofu 1.8 or later.
        case lockfile
        /// `dynamodb_table = NAME`: a lock item in an existing DynamoDB table whose partition
        /// key is `LockID` (a string). Terraform 1.11 deprecated it in favour of `lockfile`.
        case dynamoDBTable(String)
    }

    /// An S3 endpoint other than AWS's own, such as S3-compatible storage or a local emulator.
    public struct EndpointOverride: Equatable, Sendable {
        /// The base URL, such as `http://127.0.0.1:9000`.
        public var url: URL
        /// `use_path_style`: address objects as `URL/BUCKET/KEY` rather than `BUCKET.HOST/KEY`.
        public var usePathStyle: Bool

        public init(url: URL, usePathStyle: Bool = true) {
            self.url = url
            self.usePathStyle = usePathStyle
        }
    }

    /// The S3 bucket that stores the state object. It must exist before the migration.
    public var bucket: String
    /// The state object's key, such as `backend-service/terraform.tfstate`.
    public var key: String
    /// The bucket's region, such as `us-west-2`.
    public var region: String
    public var locking: Locking
    /// `encrypt`: server-side encryption of the state object.
    public var encrypt: Bool
    /// Set only for storage other than AWS S3. With it, Berth also writes the settings that
    /// keep Terraform from calling STS and the instance metadata service.
    public var endpoint: EndpointOverride?

    public init(bucket: String, key: String, region: String, locking: Locking = .lockfile, encrypt: Bool = true, endpoint: EndpointOverride? = nil) {
        self.bucket = bucket
        self.key = key
        self.region = region
        self.locking = locking
        self.encrypt = encrypt
        self.endpoint = endpoint
    }

    /// Returns every problem of the settings, in field order; empty when they are valid.
    /// With `engine`, also checks that the engine's version supports the chosen settings.
    public func problems(engine: Engine? = nil) -> [BackendConfigurationError] {
        var found: [BackendConfigurationError] = []
        found += S3BackendRules.bucketProblems(bucket)
        found += S3BackendRules.keyProblems(key)
        found += S3BackendRules.regionProblems(region)
        if case let .dynamoDBTable(table) = locking {
            found += S3BackendRules.tableProblems(table)
        }
        if let endpoint {
            found += S3BackendRules.endpointProblems(endpoint.url)
        }
        if let engine {
            found += S3BackendRules.engineProblems(engine, locking: locking, hasEndpoint: endpoint != nil)
        }
        return found
    }

    /// Throws the first problem that `problems(engine:)` finds.
    public func validate(engine: Engine? = nil) throws {
        if let first = problems(engine: engine).first {
            throw first
        }
    }
}

/// One invalid setting of an `S3BackendConfiguration`: which field, its value, and what to do.
public struct BackendConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Field: String, Equatable, Sendable {
        case bucket, key, region, dynamoDBTable = "dynamodb_table", endpoint, engine
    }

    public var field: Field
    public var value: String
    /// The cause and the fix, without the field name and value.
    public var reason: String

    public init(field: Field, value: String, reason: String) {
        self.field = field
        self.value = value
        self.reason = reason
    }

    public var description: String {
        "invalid \(field.rawValue) \"\(value)\": \(reason)"
    }
}
