import Foundation

/// Private subnets named `<core_stack_name>-private-*`, all in the core VPC.
public struct SubnetsCheck: Check {
    public let id = "core.subnets"
    public let title = "Private subnets"
    public let dependsOn = ["core.vpc"]

    public init() {}

    public func run(_ context: CheckContext) -> CheckResult {
        guard let services = CoreInfraFix.services(context) else { return CoreInfraFix.noAccount }
        let settings = context.settings
        let pattern = settings.effectivePrivateSubnetPrefix + "*"

        let subnets: [SubnetInfo]
        do {
            subnets = try services.subnets(nameTagPattern: pattern)
        } catch {
            return .from(error, doing: "DescribeSubnets", permission: "ec2:DescribeSubnets")
        }

        guard !subnets.isEmpty else {
            return .fail("No subnet has a Name tag matching \"\(pattern)\".", fix: CoreInfraFix.deploy(settings))
        }
        let ids = subnets.map(\.id).sorted()
        if let vpcID = context.result(of: "core.vpc")?.facts["vpc_id"] {
            let strays = subnets.filter { $0.vpcID != vpcID }
            if !strays.isEmpty {
                return .fail(
                    "Subnets matching \"\(pattern)\" sit in more than one VPC: \(strays.map { "\($0.id) in \($0.vpcID)" }.joined(separator: ", ")) besides \(vpcID).",
                    fix: "Remove the leftover stack whose subnets share the name, or set private_subnets_tag_value to a prefix only the core VPC uses."
                )
            }
        }
        return .pass("\(ids.count) subnets: \(ids.joined(separator: ", "))", facts: ["subnet_ids": ids.joined(separator: ",")])
    }
}
