import Foundation

extension AWSService {
    /// Amazon ECR, for the repository the blueprint creates under `container_name`.
    public static let ecr = AWSService(serviceID: "ECR", endpointPrefix: "api.ecr", signingName: "ecr", configKey: "ecr",
                                       wireProtocol: .json(version: "1.1", targetPrefix: "AmazonEC2ContainerRegistry_V20150921"),
                                       isGlobal: false)
}

/// An ECR repository as DescribeRepositories returns it.
public struct ECRRepository: Sendable, Equatable {
    public var name: String
    public var arn: String
    public var uri: String

    /// Creates a value, as the service would return it.
    public init(name: String, arn: String, uri: String) {
        self.name = name
        self.arn = arn
        self.uri = uri
    }
}

/// Amazon Elastic Container Registry (JSON 1.1 protocol).
public struct ECRClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Returns the repository named `name`, or nil when the registry has none by that name.
    public func repository(named name: String) throws -> ECRRepository? {
        do {
            let object = try client.json(.ecr, operation: "DescribeRepositories", body: ["repositoryNames": [name]])
            return (object["repositories"] as? [[String: Any]] ?? []).map(Self.repository).first { $0.name == name }
        } catch let error as AWSError where error.kind == .notFound {
            return nil
        }
    }

    static func repository(_ item: [String: Any]) -> ECRRepository {
        ECRRepository(name: item["repositoryName"] as? String ?? "", arn: item["repositoryArn"] as? String ?? "",
                      uri: item["repositoryUri"] as? String ?? "")
    }
}
