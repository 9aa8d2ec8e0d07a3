import BerthAWS
import Foundation

/// The AWS calls the preflight checks make beyond `AccountServices`. A check
/// reaches them with `context.account.services as? PreflightServices`; an
/// account without them makes the check `unknown`, never a pass.
public protocol PreflightServices: AnyObject {
    /// Returns the names of the IAM roles whose name starts with `prefix`.
    func roleNames(prefix: String) throws -> [String]
    /// Returns the Route 53 hosted zone id of the Cloud Map namespace `id`, or nil for a namespace without one.
    func namespaceHostedZone(id: String) throws -> String?
    /// Returns the ids of the VPCs the private hosted zone `zoneID` is attached to.
    func hostedZoneVPCs(zoneID: String) throws -> [String]
    /// Returns whether an ECR repository named `name` exists in the deploy region.
    func ecrRepositoryExists(name: String) throws -> Bool
    /// Returns the names of the SNS topics in the deploy region.
    func snsTopicNames() throws -> [String]
    /// Returns when the secret `id` is scheduled for deletion, or nil when it is not.
    func secretDeletionDate(id: String) throws -> Date?
    /// Cancels the scheduled deletion of the secret `id`.
    func restoreSecret(id: String) throws
}

extension BerthAWSServices: PreflightServices {
    private var preflightClient: AWSClient { AWSClient(resolved: resolved) }

    public func roleNames(prefix: String) throws -> [String] {
        try preflightTranslate { try IAMClient(client: preflightClient).listRoles() }
            .map(\.name)
            .filter { $0.hasPrefix(prefix) }
    }

    public func namespaceHostedZone(id: String) throws -> String? {
        try preflightTranslate { try ServiceDiscoveryClient(client: preflightClient).getNamespace(id: id) }.hostedZoneID
    }

    public func hostedZoneVPCs(zoneID: String) throws -> [String] {
        try preflightTranslate { try Route53Client(client: preflightClient).hostedZoneVPCs(id: zoneID) }.map(\.id)
    }

    public func ecrRepositoryExists(name: String) throws -> Bool {
        try preflightTranslate { try ECRClient(client: preflightClient).repository(named: name) } != nil
    }

    public func snsTopicNames() throws -> [String] {
        try preflightTranslate { try SNSClient(client: preflightClient).listTopics() }.map(SNSClient.topicName(fromARN:))
    }

    public func secretDeletionDate(id: String) throws -> Date? {
        try preflightTranslate { try SecretsManagerClient(client: preflightClient).describeSecret(id: id) }.deletedDate
    }

    public func restoreSecret(id: String) throws {
        _ = try preflightTranslate { try SecretsManagerClient(client: preflightClient).restoreSecret(id: id) }
    }

    /// Runs an AWS call and turns its `AWSError` into the `ServiceFailure` the checks read.
    private func preflightTranslate<T>(_ call: () throws -> T) throws -> T {
        do {
            return try call()
        } catch let error as AWSError {
            throw ServiceFailure(kind: Self.kind(error.kind), code: error.code, message: error.message, fix: error.fix, action: error.kind == .accessDenied ? error.requiredAction : nil)
        }
    }
}
