import BerthAWS
import Foundation

/// `AccountServices` over the BerthAWS clients for one resolved profile and region.
public final class BerthAWSServices: AccountServices, @unchecked Sendable {
    public let resolved: ResolvedAWS
    private let client: AWSClient

    public init(resolved: ResolvedAWS) {
        self.resolved = resolved
        self.client = AWSClient(resolved: resolved)
    }

    public func callerIdentity() throws -> CallerInfo {
        let identity = try translate { try STSClient(client: client).getCallerIdentity() }
        return CallerInfo(account: identity.account, arn: identity.arn)
    }

    public func vpcIDs(tagKey: String, tagValue: String) throws -> [String] {
        try translate {
            try EC2Client(client: client).describeVpcs(filters: [EC2Filter(name: "tag:\(tagKey)", values: [tagValue])]).map(\.id)
        }
    }

    public func subnets(nameTagPattern: String) throws -> [SubnetInfo] {
        try translate {
            try EC2Client(client: client).describeSubnets(filters: [EC2Filter(name: "tag:Name", values: [nameTagPattern])])
                .map { SubnetInfo(id: $0.id, vpcID: $0.vpcID, name: $0.name) }
        }
    }

    public func cluster(named name: String) throws -> ClusterInfo {
        let lookup = try translate { try ECSClient(client: client).describeClusters(names: [name]) }
        if let cluster = lookup.clusters.first(where: { $0.name == name }) ?? lookup.clusters.first {
            return ClusterInfo(name: cluster.name, arn: cluster.arn, status: cluster.status)
        }
        return ClusterInfo(name: name)
    }

    public func clusterNames() throws -> [String] {
        try translate { try ECSClient(client: client).listClusters() }.map { arn in
            arn.split(separator: "/").last.map(String.init) ?? arn
        }
    }

    public func namespaces() throws -> [NamespaceInfo] {
        try translate { try ServiceDiscoveryClient(client: client).listNamespaces() }
            .map { NamespaceInfo(id: $0.id, name: $0.name, type: $0.type) }
    }

    public func role(named name: String) throws -> RoleInfo {
        let role = try translate { try IAMClient(client: client).getRole(name: name) }
        return RoleInfo(name: role.name, arn: role.arn, path: role.path)
    }

    public func roles(pathPrefix: String) throws -> [RoleInfo] {
        try translate { try IAMClient(client: client).listRoles(pathPrefix: pathPrefix) }
            .map { RoleInfo(name: $0.name, arn: $0.arn, path: $0.path) }
    }

    public func createServiceLinkedRole(awsServiceName: String) throws -> RoleInfo {
        let role = try translate { try IAMClient(client: client).createServiceLinkedRole(awsServiceName: awsServiceName) }
        return RoleInfo(name: role.name, arn: role.arn, path: role.path)
    }

    public func describeSecret(id: String) throws -> SecretInfo {
        let secret = try translate { try SecretsManagerClient(client: client).describeSecret(id: id) }
        return SecretInfo(name: secret.name, arn: secret.arn, kmsKeyID: secret.kmsKeyID)
    }

    public func secretPayload(id: String) throws -> SecretPayload {
        let value = try translate { try SecretsManagerClient(client: client).getSecretValue(id: id) }
        switch value.content {
        case .string(let text): return .string(text)
        case .binary(let data): return .binary(byteCount: data.count)
        case .empty: return .empty
        }
    }

    public func createSecret(name: String, value: String) throws -> SecretInfo {
        let secret = try translate { try SecretsManagerClient(client: client).createSecret(name: name, secretString: value) }
        return SecretInfo(name: secret.name, arn: secret.arn, kmsKeyID: secret.kmsKeyID)
    }

    public func putSecretValue(id: String, value: String) throws {
        _ = try translate { try SecretsManagerClient(client: client).putSecretValue(id: id, secretString: value) }
    }

    public func secretNames(nameFilter: String) throws -> [String] {
        try translate { try SecretsManagerClient(client: client).listSecrets(nameFilter: nameFilter) }.map(\.name)
    }

    public func regionsHoldingSecret(named name: String, among regions: [String]) -> [String] {
        let found = FoundRegions()
        DispatchQueue.concurrentPerform(iterations: regions.count) { index in
            let region = regions[index]
            if (try? SecretsManagerClient(client: client.inRegion(region)).describeSecret(id: name)) != nil {
                found.add(region)
            }
        }
        return regions.filter { found.contains($0) }
    }

    /// Runs an AWS call and turns its `AWSError` into the `ServiceFailure` the checks read.
    private func translate<T>(_ call: () throws -> T) throws -> T {
        do {
            return try call()
        } catch let error as AWSError {
            throw ServiceFailure(kind: Self.kind(error.kind), code: error.code, message: error.message, fix: error.fix, action: error.kind == .accessDenied ? error.requiredAction : nil)
        }
    }

    static func kind(_ kind: AWSError.Kind) -> ServiceFailure.Kind {
        switch kind {
        case .notFound: return .notFound
        case .accessDenied: return .accessDenied
        case .expiredCredentials: return .expiredCredentials
        case .invalidCredentials: return .invalidCredentials
        case .invalidInput: return .invalidInput
        case .network: return .network
        default: return .other
        }
    }
}

/// Regions collected from concurrent look-ups.
private final class FoundRegions: @unchecked Sendable {
    private let lock = NSLock()
    private var regions: Set<String> = []

    func add(_ region: String) {
        lock.lock()
        regions.insert(region)
        lock.unlock()
    }

    func contains(_ region: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return regions.contains(region)
    }
}
