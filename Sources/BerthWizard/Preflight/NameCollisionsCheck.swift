import Foundation

/// Resources the blueprint creates under fixed names do not exist already:
/// the ECR repository `container_name`, the SNS topic `service_name` and the
/// IAM role `<service_name>-task`. Terraform would stop at apply with
/// "already exists". Objects in this folder's own local state are fine.
public struct NameCollisionsCheck: Check {
    public let id = "preflight.name-collisions"
    public let title = "Names the service creates are free"
    public let dependsOn = ["identity", "region"]

    public init() {}

    public func run(_ context: CheckContext) -> CheckResult {
        guard let services = context.account.services else { return CoreInfraFix.noAccount }
        guard let preflight = services as? PreflightServices else { return PreflightWording.noServices }
        guard let values = PreflightValues(files: context.files) else { return PreflightWording.noFiles }
        let region = context.settings.region ?? "the region"
        let serviceName = values.value("service_name") ?? "ecsdemo-backend"
        let containerName = values.value("container_name")
        let owned = LocalStateNames(folder: context.settings.folder)

        var collisions: [String] = []
        var checked: [String] = []
        do {
            if let containerName {
                checked.append("ECR repository \(containerName)")
                if try preflight.ecrRepositoryExists(name: containerName), !owned.holds("aws_ecr_repository", containerName) {
                    collisions.append("the ECR repository \(containerName) (container_name) exists in \(region)")
                }
            }
            checked.append("SNS topic \(serviceName)")
            if try preflight.snsTopicNames().contains(serviceName), !owned.holds("aws_sns_topic", serviceName) {
                collisions.append("the SNS topic \(serviceName) (service_name) exists in \(region)")
            }
            let taskRole = "\(serviceName)-task"
            checked.append("IAM role \(taskRole)")
            if try roleExists(taskRole, services: services), !owned.holds("aws_iam_role", taskRole) {
                collisions.append("the IAM role \(taskRole) exists (IAM names are account-wide)")
            }
        } catch {
            return .from(error, doing: "Looking up the fixed names", permission: "ecr:DescribeRepositories, sns:ListTopics and iam:GetRole")
        }

        if !collisions.isEmpty && owned.remoteBackend {
            return .warn(
                collisions.joined(separator: "; ") + "; this folder keeps its state in a remote backend, which Berth does not read, so they may be this stack's own.",
                fix: "If `terraform state list` does not show them, pick other names (service_name, container_name) or bring them under this stack with `terraform import`."
            )
        }
        guard collisions.isEmpty else {
            return .fail(
                collisions.joined(separator: "; ") + "; the blueprint creates these under fixed names, so apply would fail with \"already exists\".",
                fix: "Pick other names (set service_name and container_name in terraform.tfvars), delete the leftovers of an earlier deploy, "
                    + "or bring them under this folder's state with `terraform import`."
            )
        }
        var evidence = "None of these exists yet: \(checked.joined(separator: ", "))."
        if containerName == nil {
            evidence += " container_name is not set, so the ECR repository was not looked up."
        }
        return .pass(evidence)
    }

    private func roleExists(_ name: String, services: AccountServices) throws -> Bool {
        do {
            _ = try services.role(named: name)
            return true
        } catch let failure as ServiceFailure where failure.kind == .notFound {
            return false
        }
    }
}

/// The resource names in the folder's local `terraform.tfstate`, so a redeploy
/// does not report its own resources as collisions.
struct LocalStateNames {
    private var names: Set<String> = []
    /// Whether `.terraform/terraform.tfstate` names a backend other than local.
    private(set) var remoteBackend = false

    init(folder: URL) {
        if let data = FileManager.default.contents(atPath: folder.appendingPathComponent("terraform.tfstate").path),
           let state = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
            for resource in state["resources"] as? [[String: Any]] ?? [] {
                let type = resource["type"] as? String ?? ""
                for instance in resource["instances"] as? [[String: Any]] ?? [] {
                    if let name = (instance["attributes"] as? [String: Any])?["name"] as? String {
                        names.insert("\(type) \(name)")
                    }
                }
            }
        }
        if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(".terraform/terraform.tfstate").path),
           let marker = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
           let backend = (marker["backend"] as? [String: Any])?["type"] as? String {
            remoteBackend = backend != "local"
        }
    }

    func holds(_ type: String, _ name: String) -> Bool {
        names.contains("\(type) \(name)")
    }
}
