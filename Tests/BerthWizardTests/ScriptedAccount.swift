import BerthWizard
import Foundation

/// An account whose responses a test scripts, for AWS errors the emulator cannot
/// produce (KMS denials, AccessDenied). Calls without a scripted response throw AccessDenied.
final class ScriptedAccount: AccountServices, @unchecked Sendable {
    var secret: Result<SecretInfo, ServiceFailure> = .failure(ScriptedAccount.denied)
    var payload: Result<SecretPayload, ServiceFailure> = .failure(ScriptedAccount.denied)
    var listRoles: Result<[RoleInfo], ServiceFailure> = .failure(ScriptedAccount.denied)
    var createRole: Result<RoleInfo, ServiceFailure> = .failure(ScriptedAccount.denied)
    var identity: Result<CallerInfo, ServiceFailure> = .success(CallerInfo(account: "123456789012", arn: "arn:aws:iam::123456789012:user/test"))

    static let denied = ServiceFailure(kind: .accessDenied, code: "AccessDenied", message: "User is not authorized")

    func callerIdentity() throws -> CallerInfo { try identity.get() }
    func vpcIDs(tagKey: String, tagValue: String) throws -> [String] { throw Self.denied }
    func subnets(nameTagPattern: String) throws -> [SubnetInfo] { throw Self.denied }
    func cluster(named name: String) throws -> ClusterInfo { throw Self.denied }
    func clusterNames() throws -> [String] { throw Self.denied }
    func namespaces() throws -> [NamespaceInfo] { throw Self.denied }
    func role(named name: String) throws -> RoleInfo { throw Self.denied }
    func roles(pathPrefix: String) throws -> [RoleInfo] { try listRoles.get() }
    func createServiceLinkedRole(awsServiceName: String) throws -> RoleInfo { try createRole.get() }
    func describeSecret(id: String) throws -> SecretInfo { try secret.get() }
    func secretPayload(id: String) throws -> SecretPayload { try payload.get() }
    func createSecret(name: String, value: String) throws -> SecretInfo { throw Self.denied }
    func putSecretValue(id: String, value: String) throws { throw Self.denied }
    func secretNames(nameFilter: String) throws -> [String] { [] }
    func regionsHoldingSecret(named name: String, among regions: [String]) -> [String] { [] }

    func context(secretName: String = "ecs-github-token") -> CheckContext {
        var settings = CheckSettings(folder: URL(fileURLWithPath: "/nonexistent"), region: "us-west-2", regionSource: "test")
        settings.secretName = secretName
        return CheckContext(settings: settings, account: .ready(self))
    }
}
