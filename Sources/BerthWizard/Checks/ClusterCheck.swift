import Foundation

/// The ECS cluster the blueprint looks up by name is ACTIVE.
public struct ClusterCheck: Check {
    public let id = "core.cluster"
    public let title = "ECS cluster"
    public let dependsOn = ["identity", "region"]

    public init() {}

    public func run(_ context: CheckContext) -> CheckResult {
        guard let services = CoreInfraFix.services(context) else { return CoreInfraFix.noAccount }
        let settings = context.settings
        let name = settings.effectiveClusterName

        let cluster: ClusterInfo
        do {
            cluster = try services.cluster(named: name)
        } catch {
            return .from(error, doing: "DescribeClusters", permission: "ecs:DescribeClusters")
        }
        if cluster.isActive {
            return .pass("\(name) is ACTIVE (\(cluster.arn ?? name))", facts: ["cluster_name": name, "cluster_arn": cluster.arn ?? ""])
        }

        let state = cluster.status.map { "is \($0)" } ?? "does not exist"
        var evidence = "The cluster \"\(name)\" \(state) in \(settings.region ?? "the region"), so core-infra is not deployed under that name."
        var fix = CoreInfraFix.deploy(settings)
        let others = (try? services.clusterNames()) ?? []
        let similar = SimilarNames.matching(name, in: others)
        if !similar.isEmpty {
            evidence += " Clusters with similar names: \(similar.joined(separator: ", "))."
            fix = "core-infra names its cluster after core_stack_name (in later layouts, after its own folder name, so a copied folder such as core-infra-dev gives a cluster core-infra-dev). "
                + "If \(similar[0]) is yours, change \(CoreInfraFix.nameSource(context)) to \(similar[0]); otherwise "
                + CoreInfraFix.deployClause(settings)
        } else if !others.isEmpty {
            evidence += " Clusters in this region: \(others.joined(separator: ", "))."
        }
        return .fail(evidence, fix: fix, facts: ["similar_clusters": similar.joined(separator: ",")])
    }
}
