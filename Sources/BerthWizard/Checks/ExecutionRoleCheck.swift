import Foundation

/// The task execution role `<core_stack_name>-execution` that core-infra creates.
public struct ExecutionRoleCheck: Check {
    public let id = "core.execution-role"
    public let title = "Task execution role"
    public let dependsOn = ["identity"]

    public init() {}

    public func run(_ context: CheckContext) -> CheckResult {
        guard let services = CoreInfraFix.services(context) else { return CoreInfraFix.noAccount }
        let settings = context.settings
        let name = settings.effectiveExecutionRoleName

        do {
            let role = try services.role(named: name)
            return .pass(role.arn, facts: ["execution_role_arn": role.arn])
        } catch let failure as ServiceFailure where failure.kind == .notFound {
            return .fail("The IAM role \(name) does not exist.", fix: CoreInfraFix.deploy(settings))
        } catch {
            return .from(error, doing: "GetRole \(name)", permission: "iam:GetRole")
        }
    }
}
