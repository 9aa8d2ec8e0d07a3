import Foundation

/// The blueprint's look-ups by tag and name each find exactly one object: one
/// VPC, private subnets in one VPC, one execution role, one cluster. A second
/// core-infra (or its leftovers) makes Terraform's data sources fail at plan.
public struct AmbiguousLookupsCheck: Check {
    public let id = "preflight.ambiguous-lookups"
    public let title = "Unambiguous core-infra look-ups"
    public let dependsOn = ["identity", "region"]

    public init() {}

    public func run(_ context: CheckContext) -> CheckResult {
        guard let services = context.account.services else { return CoreInfraFix.noAccount }
        guard let preflight = services as? PreflightServices else { return PreflightWording.noServices }
        let settings = context.settings
        var problems: [String] = []
        var fixes: [String] = []

        do {
            let vpcs = try services.vpcIDs(tagKey: settings.vpcTagKey, tagValue: settings.effectiveVPCTagValue).sorted()
            if vpcs.count > 1 {
                problems.append("\(vpcs.count) VPCs have the tag \(settings.vpcTagKey) = \"\(settings.effectiveVPCTagValue)\": \(vpcs.joined(separator: ", "))")
                fixes.append("set vpc_tag_value to a tag only one VPC carries")
            }

            let pattern = settings.effectivePrivateSubnetPrefix + "*"
            let subnets = try services.subnets(nameTagPattern: pattern)
            let byVPC = Dictionary(grouping: subnets, by: \.vpcID)
            if byVPC.count > 1 {
                let listed = byVPC.keys.sorted().map { vpc in
                    "\(vpc) (\(byVPC[vpc, default: []].map(\.id).sorted().joined(separator: ", ")))"
                }
                problems.append("private subnets matching \"\(pattern)\" sit in \(byVPC.count) VPCs: \(listed.joined(separator: "; "))")
                fixes.append("set private_subnets_tag_value to a prefix only the core VPC's subnets use")
            }

            let roleName = settings.effectiveExecutionRoleName
            let roles = try preflight.roleNames(prefix: roleName).sorted()
            if !roles.contains(roleName) && roles.count > 1 {
                problems.append("\(roles.count) IAM roles start with \(roleName): \(roles.joined(separator: ", ")) (a name-prefix look-up matches them all)")
                fixes.append("set ecs_task_execution_role_name to the exact role name")
            }

            let clusterName = settings.effectiveClusterName
            let clusters = try services.clusterNames().filter { $0 == clusterName }
            if clusters.count > 1 {
                problems.append("\(clusters.count) clusters are named \(clusterName)")
                fixes.append("set ecs_cluster_name to a cluster name that is unique in the region")
            }
        } catch {
            return .from(error, doing: "The core-infra look-ups", permission: "ec2:DescribeVpcs, ec2:DescribeSubnets, iam:ListRoles and ecs:ListClusters")
        }

        guard problems.isEmpty else {
            return .fail(
                problems.joined(separator: "; ") + ". Terraform's look-ups need exactly one match each.",
                fix: "Remove the duplicate or leftover core-infra stack in \(settings.region ?? "the region"), or "
                    + fixes.joined(separator: ", ") + " in terraform.tfvars."
            )
        }
        return .pass("Each look-up matches one object (VPC tag \(settings.vpcTagKey) = \"\(settings.effectiveVPCTagValue)\", subnets \"\(settings.effectivePrivateSubnetPrefix)*\", role \(settings.effectiveExecutionRoleName), cluster \(settings.effectiveClusterName)).")
    }
}
