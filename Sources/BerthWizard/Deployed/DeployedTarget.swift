import Foundation

/// Names of what one backend-service deploy creates, derived from the folder's values
/// the way the blueprint derives them.
public struct DeployedTarget: Equatable, Sendable {
    public var cluster: String
    public var serviceName: String
    /// The Cloud Map namespace, `<namespace>.<cluster>.local`.
    public var namespaceName: String

    public init(cluster: String, serviceName: String, namespaceName: String) {
        self.cluster = cluster
        self.serviceName = serviceName
        self.namespaceName = namespaceName
    }

    /// The blueprint names its pipeline `pipeline-<service_name>`.
    public var pipelineName: String { "pipeline-\(serviceName)" }

    /// Derives the target from `settings` and the terraform.tfvars `values`, with the blueprint's default `service_name`.
    public init(settings: CheckSettings, values: [String: String]) {
        let name = values["service_name"].flatMap { $0.isEmpty ? nil : $0 } ?? "ecsdemo-backend"
        self.init(cluster: settings.effectiveClusterName, serviceName: name, namespaceName: settings.namespaceName)
    }
}
