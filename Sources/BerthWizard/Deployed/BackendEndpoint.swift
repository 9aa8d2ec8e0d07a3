import Foundation

/// The backend service's address for an lb-service folder: the frontend's
/// `backend_svc_endpoint` is the backend's Cloud Map name,
/// `http://<service_name>.<namespace>.<cluster>.local:<container_port>`.
public enum BackendEndpoint {
    /// The backend-service variable defaults, used when no backend folder is found.
    static let defaultServiceName = "ecsdemo-backend"
    static let defaultContainerPort = "3000"

    /// Returns whether the variables are the lb-service layout (a frontend with a listener that
    /// calls a backend), not the backend service itself.
    public static func isLoadBalancedLayout(_ specs: [VariableSpec]) -> Bool {
        let names = Set(specs.map(\.name))
        return names.contains("backend_svc_endpoint") && names.contains("listener_port")
    }

    /// Builds the endpoint URL.
    public static func url(serviceName: String, namespaceName: String, containerPort: String) -> String {
        "http://\(serviceName).\(namespaceName):\(containerPort)"
    }

    /// Returns the endpoint for the lb-service `folder`: the backend's `service_name` and
    /// `container_port` come from a sibling `backend-service` folder's terraform.tfvars (or its
    /// defaults), the namespace from `settings`.
    public static func suggestion(folder: URL, settings: CheckSettings) -> String {
        let sibling = folder.deletingLastPathComponent().appendingPathComponent("backend-service", isDirectory: true)
        let files = HCLBlueprintFiles(folder: sibling)
        let specs = (try? files.variables()) ?? []
        let values = (try? files.currentValues()) ?? [:]
        func value(_ name: String, fallback: String) -> String {
            if let set = values[name], !set.isEmpty { return set }
            if let declared = specs.first(where: { $0.name == name })?.defaultText {
                return FieldsForm.typedText(fromHCL: declared)
            }
            return fallback
        }
        return url(
            serviceName: value("service_name", fallback: defaultServiceName),
            namespaceName: settings.namespaceName,
            containerPort: value("container_port", fallback: defaultContainerPort)
        )
    }
}
