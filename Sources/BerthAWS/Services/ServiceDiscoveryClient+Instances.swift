import Foundation

/// A Cloud Map service: the name tasks register under in a namespace.
public struct DiscoveryService: Sendable, Equatable {
    public var id: String
    public var name: String
    public var namespaceID: String?

    /// Creates a value, as the service would return it.
    public init(id: String, name: String, namespaceID: String?) {
        self.id = id
        self.name = name
        self.namespaceID = namespaceID
    }
}

/// An instance registered in a Cloud Map service, such as one ECS task.
public struct DiscoveryInstance: Sendable, Equatable {
    public var id: String
    /// Attributes such as `AWS_INSTANCE_IPV4` and `ECS_TASK_DEFINITION_FAMILY`.
    public var attributes: [String: String]

    /// Creates a value, as the service would return it.
    public init(id: String, attributes: [String: String]) {
        self.id = id
        self.attributes = attributes
    }
}

extension ServiceDiscoveryClient {
    /// Returns the services of the namespace `namespaceID`, following `NextToken` across pages.
    public func listServices(namespaceID: String) throws -> [DiscoveryService] {
        var services: [DiscoveryService] = []
        var token: String?
        repeat {
            var body: [String: Any] = [
                "MaxResults": 100,
                "Filters": [["Name": "NAMESPACE_ID", "Values": [namespaceID], "Condition": "EQ"]],
            ]
            if let token { body["NextToken"] = token }
            let object = try client.json(.serviceDiscovery, operation: "ListServices", body: body)
            services += (object["Services"] as? [[String: Any]] ?? []).map { item in
                DiscoveryService(id: item["Id"] as? String ?? "", name: item["Name"] as? String ?? "", namespaceID: item["NamespaceId"] as? String)
            }
            token = (object["NextToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return services
    }

    /// Returns the instances registered in the service `serviceID`, following `NextToken` across pages.
    public func listInstances(serviceID: String) throws -> [DiscoveryInstance] {
        var instances: [DiscoveryInstance] = []
        var token: String?
        repeat {
            var body: [String: Any] = ["ServiceId": serviceID, "MaxResults": 100]
            if let token { body["NextToken"] = token }
            let object = try client.json(.serviceDiscovery, operation: "ListInstances", body: body)
            instances += (object["Instances"] as? [[String: Any]] ?? []).map { item in
                DiscoveryInstance(id: item["Id"] as? String ?? "", attributes: item["Attributes"] as? [String: String] ?? [:])
            }
            token = (object["NextToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return instances
    }
}
