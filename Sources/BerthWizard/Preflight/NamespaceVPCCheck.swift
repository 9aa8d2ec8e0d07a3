import Foundation

/// The Cloud Map namespace is attached to the VPC of the private subnets the
/// service runs in; otherwise tasks register names the service cannot resolve.
/// ListNamespaces does not give the VPC: GetNamespace gives the hosted zone,
/// and Route 53 GetHostedZone gives the zone's VPCs.
public struct NamespaceVPCCheck: Check {
    public let id = "preflight.namespace-vpc"
    public let title = "Namespace in the subnets' VPC"
    public let dependsOn = ["core.namespace", "core.subnets"]

    public init() {}

    public func run(_ context: CheckContext) -> CheckResult {
        guard let services = context.account.services else { return CoreInfraFix.noAccount }
        guard let preflight = services as? PreflightServices else { return PreflightWording.noServices }
        let settings = context.settings
        guard let namespaceID = context.result(of: "core.namespace")?.facts["namespace_id"] else {
            return .unknown("The namespace id is not known.", fix: "Fix \"Service discovery namespace\" first.")
        }

        let subnetVPCs: [String]
        let zoneID: String?
        let zoneVPCs: [String]
        do {
            subnetVPCs = Array(Set(try services.subnets(nameTagPattern: settings.effectivePrivateSubnetPrefix + "*").map(\.vpcID))).sorted()
            zoneID = try preflight.namespaceHostedZone(id: namespaceID)
            zoneVPCs = try zoneID.map { try preflight.hostedZoneVPCs(zoneID: $0) } ?? []
        } catch {
            return .from(error, doing: "GetNamespace and GetHostedZone", permission: "servicediscovery:GetNamespace and route53:GetHostedZone")
        }

        let name = settings.namespaceName
        guard let zoneID else {
            return .fail(
                "The namespace \(name) (\(namespaceID)) has no Route 53 hosted zone, so it is not a private DNS namespace.",
                fix: "Use the DNS_PRIVATE namespace core-infra creates."
            )
        }
        guard !zoneVPCs.isEmpty else {
            return .warn(
                "Route 53 lists no VPC for the hosted zone \(zoneID) of \(name), so Berth cannot tell whether it is attached to \(subnetVPCs.joined(separator: ", ")).",
                fix: "Check by hand: `aws route53 get-hosted-zone --id \(zoneID)` must list \(subnetVPCs.first ?? "the private subnets' VPC") under VPCs."
            )
        }
        let missing = subnetVPCs.filter { !zoneVPCs.contains($0) }
        guard missing.isEmpty else {
            return .fail(
                "The namespace \(name) is attached to \(zoneVPCs.sorted().joined(separator: ", ")), but the private subnets are in \(missing.joined(separator: ", ")).",
                fix: "Use the namespace core-infra created with that VPC (set namespace and core_stack_name to match it), "
                    + "or associate the VPC: `aws route53 associate-vpc-with-hosted-zone --hosted-zone-id \(zoneID) --vpc VPCRegion=\(settings.region ?? "REGION"),VPCId=\(missing[0])`."
            )
        }
        return .pass("\(name) is attached to \(zoneVPCs.sorted().joined(separator: ", ")), the private subnets' VPC.", facts: ["namespace_zone": zoneID])
    }
}
