import Foundation

/// The AWS calls the checks and the wizard make, as a narrow protocol so the
/// checks read the same against BerthAWS, the emulator and a test double.
/// Every method is synchronous and may be called from any thread.
public protocol AccountServices: AnyObject {
    func callerIdentity() throws -> CallerInfo
    /// VPC ids whose tag `key` equals `value`.
    func vpcIDs(tagKey: String, tagValue: String) throws -> [String]
    /// Subnets whose `Name` tag matches `pattern` (`*` is a wildcard).
    func subnets(nameTagPattern: String) throws -> [SubnetInfo]
    func cluster(named name: String) throws -> ClusterInfo
    func clusterNames() throws -> [String]
    func namespaces() throws -> [NamespaceInfo]
    func role(named name: String) throws -> RoleInfo
    func roles(pathPrefix: String) throws -> [RoleInfo]
    func createServiceLinkedRole(awsServiceName: String) throws -> RoleInfo
    func describeSecret(id: String) throws -> SecretInfo
    func secretPayload(id: String) throws -> SecretPayload
    /// Creates a secret holding `value` as its string; the value is not kept.
    func createSecret(name: String, value: String) throws -> SecretInfo
    /// Replaces the current value of the secret `id` with `value` (PutSecretValue); the value is not kept.
    func putSecretValue(id: String, value: String) throws
    func secretNames(nameFilter: String) throws -> [String]
    /// Returns the regions among `regions` that contain a secret named `name`. A failed look-up counts as absent.
    func regionsHoldingSecret(named name: String, among regions: [String]) -> [String]
}

/// Regions searched when the secret is missing from the deploy region: the ones most
/// accounts use. A secret in a region not listed here is not found.
public let commonSecretRegions = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1",
    "eu-west-1", "eu-west-2", "eu-central-1", "eu-north-1",
    "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1",
]

/// The caller behind the credentials.
public struct CallerInfo: Equatable, Sendable {
    public var account: String
    public var arn: String

    public init(account: String, arn: String) {
        self.account = account
        self.arn = arn
    }
}

public struct SubnetInfo: Equatable, Sendable {
    public var id: String
    public var vpcID: String
    public var name: String

    public init(id: String, vpcID: String, name: String) {
        self.id = id
        self.vpcID = vpcID
        self.name = name
    }
}

/// An ECS cluster as DescribeClusters reports it; `status` is nil when the cluster is MISSING.
public struct ClusterInfo: Equatable, Sendable {
    public var name: String
    public var arn: String?
    public var status: String?

    public init(name: String, arn: String? = nil, status: String? = nil) {
        self.name = name
        self.arn = arn
        self.status = status
    }

    public var isActive: Bool { status == "ACTIVE" }
}

public struct NamespaceInfo: Equatable, Sendable {
    public var id: String
    public var name: String
    public var type: String

    public init(id: String, name: String, type: String) {
        self.id = id
        self.name = name
        self.type = type
    }
}

public struct RoleInfo: Equatable, Sendable {
    public var name: String
    public var arn: String
    public var path: String

    public init(name: String, arn: String, path: String = "/") {
        self.name = name
        self.arn = arn
        self.path = path
    }
}

public struct SecretInfo: Equatable, Sendable {
    public var name: String
    public var arn: String
    public var kmsKeyID: String?

    public init(name: String, arn: String, kmsKeyID: String? = nil) {
        self.name = name
        self.arn = arn
        self.kmsKeyID = kmsKeyID
    }
}

/// A secret's current value. The string stays in memory only and `description` never shows it.
public enum SecretPayload: Sendable, CustomStringConvertible {
    case string(String)
    case binary(byteCount: Int)
    case empty

    public var description: String {
        switch self {
        case .string(let value): return "SecretPayload.string(\(value.count) characters)"
        case .binary(let count): return "SecretPayload.binary(\(count) bytes)"
        case .empty: return "SecretPayload.empty"
        }
    }
}

/// An AWS call that failed, sorted into the cases the checks word differently.
public struct ServiceFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Equatable, Sendable {
        case notFound
        case accessDenied
        case expiredCredentials
        /// The access key is unknown to AWS or the signature does not match.
        case invalidCredentials
        case invalidInput
        case network
        case other
    }

    public var kind: Kind
    public var code: String
    public var message: String
    /// The service's own advice, when the transport layer has one.
    public var fix: String?
    /// For a denial, the IAM action the call needed (`iam:GetRole`), when known.
    public var action: String?

    public init(kind: Kind, code: String, message: String, fix: String? = nil, action: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.fix = fix
        self.action = action
    }

    public var description: String { code.isEmpty ? message : "\(code): \(message)" }
}
