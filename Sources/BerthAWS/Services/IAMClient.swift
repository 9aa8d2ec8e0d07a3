import Foundation

/// An IAM role as GetRole and ListRoles return it.
public struct IAMRole: Sendable, Equatable {
    public var name: String
    public var arn: String
    public var path: String
    public var roleID: String
    public var createDate: Date?

    /// Creates a value, as the service would return it.
    public init(name: String, arn: String, path: String, roleID: String, createDate: Date? = nil) {
        self.name = name
        self.arn = arn
        self.path = path
        self.roleID = roleID
        self.createDate = createDate
    }
}

/// AWS Identity and Access Management (query protocol, global endpoint signed for us-east-1).
public struct IAMClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Returns the role named `name`; a missing role throws `AWSError` of kind `notFound` (code `NoSuchEntity`).
    public func getRole(name: String) throws -> IAMRole {
        let root = try client.query(.iam, action: "GetRole", parameters: [("RoleName", name)])
        guard let role = root.descendant("Role").flatMap(Self.role) else {
            throw client.malformed(service: .iam, operation: "GetRole", response: HTTPResponse(status: 200))
        }
        return role
    }

    /// Returns every role whose path starts with `pathPrefix`, following `Marker` across pages.
    public func listRoles(pathPrefix: String? = nil) throws -> [IAMRole] {
        var roles: [IAMRole] = []
        var marker: String?
        repeat {
            var parameters: [(String, String)] = []
            if let pathPrefix { parameters.append(("PathPrefix", pathPrefix)) }
            if let marker { parameters.append(("Marker", marker)) }
            let root = try client.query(.iam, action: "ListRoles", parameters: parameters)
            let result = root.descendant("ListRolesResult")
            roles += (result?.child("Roles")?.children("member") ?? []).compactMap(Self.role)
            let truncated = result?.string("IsTruncated") == "true"
            marker = truncated ? result?.string("Marker") : nil
        } while marker != nil
        return roles
    }

    /// Creates the service-linked role of `awsServiceName`, such as `codestar-notifications.amazonaws.com`.
    public func createServiceLinkedRole(awsServiceName: String) throws -> IAMRole {
        let root = try client.query(.iam, action: "CreateServiceLinkedRole",
                                    parameters: [("AWSServiceName", awsServiceName)], isIdempotent: false)
        guard let role = root.descendant("Role").flatMap(Self.role) else {
            throw client.malformed(service: .iam, operation: "CreateServiceLinkedRole", response: HTTPResponse(status: 200))
        }
        return role
    }

    static func role(_ node: XMLNode) -> IAMRole? {
        guard let name = node.string("RoleName"), let arn = node.string("Arn") else { return nil }
        return IAMRole(name: name, arn: arn, path: node.string("Path") ?? "/", roleID: node.string("RoleId") ?? "",
                       createDate: node.string("CreateDate").flatMap(ISO8601.parse))
    }
}
