import Foundation

/// Exactly one VPC carries the tag the blueprint's `aws_vpc` data source filters on.
public struct VPCCheck: Check {
    public let id = "core.vpc"
    public let title = "Core VPC"
    public let dependsOn = ["identity", "region"]

    public init() {}

    public func run(_ context: CheckContext) -> CheckResult {
        guard let services = CoreInfraFix.services(context) else { return CoreInfraFix.noAccount }
        let settings = context.settings
        let key = settings.vpcTagKey
        let value = settings.effectiveVPCTagValue

        let ids: [String]
        do {
            ids = try services.vpcIDs(tagKey: key, tagValue: value)
        } catch {
            return .from(error, doing: "DescribeVpcs", permission: "ec2:DescribeVpcs")
        }

        switch ids.count {
        case 0:
            return .fail(
                "No VPC in \(settings.region ?? "the region") has the tag \(key) = \"\(value)\".",
                fix: CoreInfraFix.deploy(settings)
            )
        case 1:
            return .pass("\(ids[0]) (tag \(key) = \"\(value)\")", facts: ["vpc_id": ids[0]])
        default:
            return .fail(
                "\(ids.count) VPCs have the tag \(key) = \"\(value)\": \(ids.joined(separator: ", ")); Terraform needs exactly one.",
                fix: "Remove the duplicate core-infra stack, or set vpc_tag_value to a tag only one VPC carries."
            )
        }
    }
}
