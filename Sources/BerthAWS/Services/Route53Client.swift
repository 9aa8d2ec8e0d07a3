import Foundation

/// A VPC associated with a private hosted zone.
public struct HostedZoneVPC: Sendable, Equatable {
    public var id: String
    public var region: String

    /// Creates a value, as the service would return it.
    public init(id: String, region: String) {
        self.id = id
        self.region = region
    }
}

/// Amazon Route 53 (REST-XML protocol), used to find the VPC of a private Cloud Map namespace,
/// which ListNamespaces and GetNamespace do not return.
public struct Route53Client: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Returns the VPCs of the hosted zone `id` (with or without the `/hostedzone/` prefix).
    public func hostedZoneVPCs(id: String) throws -> [HostedZoneVPC] {
        let bareID = id.hasPrefix("/hostedzone/") ? String(id.dropFirst("/hostedzone/".count)) : id
        var call = AWSClient.Call(service: .route53, operation: "GetHostedZone")
        call.method = "GET"
        call.path = "/2013-04-01/hostedzone/" + URIEncoding.encode(bareID)
        let response = try client.send(call)
        let root: XMLNode
        do {
            root = try XMLNode.decode(response.body)
        } catch {
            throw client.malformed(service: .route53, operation: "GetHostedZone", response: response, reason: error)
        }
        return (root.child("VPCs")?.children("VPC") ?? []).map { vpc in
            HostedZoneVPC(id: vpc.string("VPCId") ?? "", region: vpc.string("VPCRegion") ?? "")
        }
    }
}
