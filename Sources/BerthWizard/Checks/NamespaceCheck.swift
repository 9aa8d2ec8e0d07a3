import Foundation

/// The Cloud Map namespace `<namespace>.<cluster>.local` exists as DNS_PRIVATE.
public struct NamespaceCheck: Check {
    public let id = "core.namespace"
    public let title = "Service discovery namespace"
    public let dependsOn = ["identity", "region"]

    public init() {}

    public func run(_ context: CheckContext) -> CheckResult {
        guard let services = CoreInfraFix.services(context) else { return CoreInfraFix.noAccount }
        let settings = context.settings
        let expected = settings.namespaceName

        let namespaces: [NamespaceInfo]
        do {
            namespaces = try services.namespaces()
        } catch {
            return .from(error, doing: "ListNamespaces", permission: "servicediscovery:ListNamespaces")
        }

        // NOTE: the namespace's VPC is not compared with the cluster's VPC; ListNamespaces does not return it.
        if let found = namespaces.first(where: { $0.name == expected }) {
            guard found.type == "DNS_PRIVATE" else {
                return .fail(
                    "The namespace \(expected) exists but is \(found.type); the blueprint looks up a DNS_PRIVATE namespace.",
                    fix: "Use the private namespace core-infra creates, or set namespace to one of core-infra's namespaces."
                )
            }
            return .pass("\(expected) (\(found.id))", facts: ["namespace_id": found.id, "namespace_name": expected])
        }

        let privateNames = namespaces.filter { $0.type == "DNS_PRIVATE" }.map(\.name)
        let similar = SimilarNames.matching(expected, in: privateNames)
        var evidence = "No DNS_PRIVATE namespace named \(expected) in \(settings.region ?? "the region")."
        if !privateNames.isEmpty {
            evidence += " Private namespaces here: \(privateNames.sorted().joined(separator: ", "))."
        }
        let fix: String
        if let first = similar.first {
            fix = "The name is <namespace>.<cluster>.local. Set namespace and core_stack_name (or ecs_cluster_name) to match \(first), or " + CoreInfraFix.deployClause(settings)
        } else {
            fix = "Set namespace to one of core-infra's namespaces (default or myapp), or " + CoreInfraFix.deployClause(settings)
        }
        return .fail(evidence, fix: fix)
    }
}
