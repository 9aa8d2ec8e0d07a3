import Foundation

/// An ECS cluster as DescribeClusters returns it.
public struct ECSCluster: Sendable, Equatable {
    public var name: String
    public var arn: String
    /// `ACTIVE`, `PROVISIONING`, `DEPROVISIONING`, `FAILED` or `INACTIVE` (deleted but still listed).
    public var status: String

    /// Creates a value, as the service would return it.
    public init(name: String, arn: String, status: String) {
        self.name = name
        self.arn = arn
        self.status = status
    }

    /// Whether the cluster can run services.
    public var isActive: Bool { status == "ACTIVE" }
}

/// A cluster DescribeClusters could not return, with the reason (such as `MISSING`).
public struct ECSFailure: Sendable, Equatable {
    public var arn: String
    public var reason: String
    public var detail: String?

    /// Creates a value, as the service would return it.
    public init(arn: String, reason: String, detail: String? = nil) {
        self.arn = arn
        self.reason = reason
        self.detail = detail
    }
}

/// The result of DescribeClusters: the clusters found and the names it reported as failures.
public struct ClusterLookup: Sendable, Equatable {
    public var clusters: [ECSCluster]
    public var failures: [ECSFailure]

    /// Creates a value, as the service would return it.
    public init(clusters: [ECSCluster], failures: [ECSFailure]) {
        self.clusters = clusters
        self.failures = failures
    }

    /// Returns the active cluster named `name`, or nil when it is missing or inactive.
    public func activeCluster(named name: String) -> ECSCluster? {
        clusters.first { ($0.name == name || $0.arn == name) && $0.isActive }
    }
}

/// Amazon ECS (JSON 1.1 protocol).
public struct ECSClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Looks up clusters by name or ARN; missing ones come back in `failures`, deleted ones with status `INACTIVE`.
    public func describeClusters(names: [String]) throws -> ClusterLookup {
        let object = try client.json(.ecs, operation: "DescribeClusters", body: ["clusters": names])
        let clusters = (object["clusters"] as? [[String: Any]] ?? []).map { item in
            ECSCluster(name: item["clusterName"] as? String ?? "", arn: item["clusterArn"] as? String ?? "",
                       status: item["status"] as? String ?? "")
        }
        let failures = (object["failures"] as? [[String: Any]] ?? []).map { item in
            ECSFailure(arn: item["arn"] as? String ?? "", reason: item["reason"] as? String ?? "",
                       detail: item["detail"] as? String)
        }
        return ClusterLookup(clusters: clusters, failures: failures)
    }

    /// Returns the ARN of every cluster in the region, following `nextToken` across pages.
    public func listClusters() throws -> [String] {
        var arns: [String] = []
        var token: String?
        repeat {
            var body: [String: Any] = ["maxResults": 100]
            if let token { body["nextToken"] = token }
            let object = try client.json(.ecs, operation: "ListClusters", body: body)
            arns += object["clusterArns"] as? [String] ?? []
            token = (object["nextToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return arns
    }
}
