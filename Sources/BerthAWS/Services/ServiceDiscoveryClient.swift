import Foundation

/// A Cloud Map namespace.
public struct Namespace: Sendable, Equatable {
    public var id: String
    public var arn: String
    public var name: String
    /// `DNS_PRIVATE`, `DNS_PUBLIC` or `HTTP`.
    public var type: String
    /// The Route 53 hosted zone of a DNS namespace.
    public var hostedZoneID: String?
    /// The HTTP name of the namespace.
    public var httpName: String?

    /// Creates a value, as the service would return it.
    public init(id: String, arn: String, name: String, type: String, hostedZoneID: String? = nil, httpName: String? = nil) {
        self.id = id
        self.arn = arn
        self.name = name
        self.type = type
        self.hostedZoneID = hostedZoneID
        self.httpName = httpName
    }
}

/// AWS Cloud Map (JSON 1.1 protocol).
public struct ServiceDiscoveryClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Returns every namespace in the region, following `NextToken` across pages.
    public func listNamespaces() throws -> [Namespace] {
        var namespaces: [Namespace] = []
        var token: String?
        repeat {
            var body: [String: Any] = ["MaxResults": 100]
            if let token { body["NextToken"] = token }
            let object = try client.json(.serviceDiscovery, operation: "ListNamespaces", body: body)
            namespaces += (object["Namespaces"] as? [[String: Any]] ?? []).map(Self.namespace)
            token = (object["NextToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return namespaces
    }

    /// Returns one namespace by id, with its properties.
    public func getNamespace(id: String) throws -> Namespace {
        let object = try client.json(.serviceDiscovery, operation: "GetNamespace", body: ["Id": id])
        return Self.namespace(object["Namespace"] as? [String: Any] ?? [:])
    }

    static func namespace(_ item: [String: Any]) -> Namespace {
        let properties = item["Properties"] as? [String: Any]
        let dns = properties?["DnsProperties"] as? [String: Any]
        let http = properties?["HttpProperties"] as? [String: Any]
        return Namespace(id: item["Id"] as? String ?? "", arn: item["Arn"] as? String ?? "",
                         name: item["Name"] as? String ?? "", type: item["Type"] as? String ?? "",
                         hostedZoneID: dns?["HostedZoneId"] as? String, httpName: http?["HttpName"] as? String)
    }
}
