import Foundation

/// The CodeStar Notifications service-linked role, which the pipeline's
/// first notification rule needs. Looked up by path prefix, because the
/// role's name differs between AWS and emulators.
public struct CodeStarRoleCheck: Check {
    public static let serviceName = "codestar-notifications.amazonaws.com"
    public static let pathPrefix = "/aws-service-role/codestar-notifications.amazonaws.com/"
    public static let createCommand = "aws iam create-service-linked-role --aws-service-name codestar-notifications.amazonaws.com"

    public let id = "codestar.role"
    public let title = "CodeStar Notifications service-linked role"
    public let dependsOn = ["identity"]

    public init() {}

    public func run(_ context: CheckContext) -> CheckResult {
        guard let services = context.account.services else { return CoreInfraFix.noAccount }

        do {
            let roles = try services.roles(pathPrefix: CodeStarRoleCheck.pathPrefix)
            guard let role = roles.first else {
                return .fail(
                    "The account has no service-linked role for \(CodeStarRoleCheck.serviceName); the first notification rule would fail with ConfigurationException.",
                    fix: "Let Berth create it (Create role), or run `\(CodeStarRoleCheck.createCommand)`."
                )
            }
            return .pass("\(role.name) (\(role.arn))", facts: ["codestar_role_arn": role.arn])
        } catch let failure as ServiceFailure where failure.kind == .accessDenied {
            return .unknown(
                "ListRoles was denied (\(failure.code)), so Berth cannot tell whether the role exists.",
                fix: "Grant iam:ListRoles (and iam:CreateServiceLinkedRole to create the role), or ask an administrator to run `\(CodeStarRoleCheck.createCommand)` once for the account."
            )
        } catch {
            return .from(error, doing: "ListRoles", permission: "iam:ListRoles")
        }
    }

    /// Creates the role and returns the check's result afterwards; AccessDenied gives the permission to ask for.
    public static func create(using services: AccountServices, context: CheckContext) -> CheckResult {
        do {
            _ = try services.createServiceLinkedRole(awsServiceName: serviceName)
        } catch let failure as ServiceFailure where failure.kind == .accessDenied {
            return .unknown(
                "CreateServiceLinkedRole was denied (\(failure.code)).",
                fix: "Grant iam:CreateServiceLinkedRole for \(serviceName), or ask an administrator to run `\(createCommand)`."
            )
        } catch let failure as ServiceFailure where failure.code.contains("InvalidInput") && failure.message.contains("has been taken") {
            // The role exists already; the verification below reports it.
        } catch {
            return .from(error, doing: "CreateServiceLinkedRole", permission: "iam:CreateServiceLinkedRole")
        }
        return CodeStarRoleCheck().run(context)
    }
}
