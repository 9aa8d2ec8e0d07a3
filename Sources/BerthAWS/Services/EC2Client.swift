import Foundation

/// One EC2 `Filter`: a name such as `tag:Name` or `vpc-id` and the values that match (`*` is a wildcard).
public struct EC2Filter: Sendable, Equatable {
    public var name: String
    public var values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}

/// A VPC.
public struct VPC: Sendable, Equatable {
    public var id: String
    public var cidrBlock: String
    public var isDefault: Bool
    public var tags: [String: String]

    /// Creates a value, as the service would return it.
    public init(id: String, cidrBlock: String, isDefault: Bool, tags: [String: String]) {
        self.id = id
        self.cidrBlock = cidrBlock
        self.isDefault = isDefault
        self.tags = tags
    }
}

/// A subnet.
public struct Subnet: Sendable, Equatable {
    public var id: String
    public var vpcID: String
    public var cidrBlock: String
    public var availabilityZone: String
    public var tags: [String: String]

    /// Creates a value, as the service would return it.
    public init(id: String, vpcID: String, cidrBlock: String, availabilityZone: String, tags: [String: String]) {
        self.id = id
        self.vpcID = vpcID
        self.cidrBlock = cidrBlock
        self.availabilityZone = availabilityZone
        self.tags = tags
    }

    /// The `Name` tag, or "" when it has none.
    public var name: String { tags["Name"] ?? "" }
}

/// Amazon EC2 (EC2 protocol), for the VPC and subnets of core-infra.
public struct EC2Client: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Returns every VPC matching all `filters`, following `NextToken` across pages.
    public func describeVpcs(filters: [EC2Filter] = []) throws -> [VPC] {
        try paginate(action: "DescribeVpcs", filters: filters, setName: "vpcSet").map { item in
            VPC(id: item.string("vpcId") ?? "", cidrBlock: item.string("cidrBlock") ?? "",
                isDefault: item.string("isDefault") == "true", tags: Self.tags(item))
        }
    }

    /// Returns every subnet matching all `filters`, following `NextToken` across pages.
    public func describeSubnets(filters: [EC2Filter] = []) throws -> [Subnet] {
        try paginate(action: "DescribeSubnets", filters: filters, setName: "subnetSet").map { item in
            Subnet(id: item.string("subnetId") ?? "", vpcID: item.string("vpcId") ?? "",
                   cidrBlock: item.string("cidrBlock") ?? "", availabilityZone: item.string("availabilityZone") ?? "",
                   tags: Self.tags(item))
        }
    }

    private func paginate(action: String, filters: [EC2Filter], setName: String) throws -> [XMLNode] {
        var items: [XMLNode] = []
        var token: String?
        repeat {
            var parameters: [(String, String)] = [("MaxResults", "1000")]
            for (index, filter) in filters.enumerated() {
                parameters.append(("Filter.\(index + 1).Name", filter.name))
                for (valueIndex, value) in filter.values.enumerated() {
                    parameters.append(("Filter.\(index + 1).Value.\(valueIndex + 1)", value))
                }
            }
            if let token { parameters.append(("NextToken", token)) }
            let root = try client.query(.ec2, action: action, parameters: parameters)
            items += root.child(setName)?.children("item") ?? []
            token = root.string("nextToken").flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return items
    }

    static func tags(_ item: XMLNode) -> [String: String] {
        var tags: [String: String] = [:]
        for tag in item.child("tagSet")?.children("item") ?? [] {
            if let key = tag.string("key") {
                tags[key] = tag.string("value") ?? ""
            }
        }
        return tags
    }
}
