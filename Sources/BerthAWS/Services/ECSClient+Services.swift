import Foundation

/// An ECS service as DescribeServices returns it.
public struct ECSService: Sendable, Equatable {
    public var name: String
    public var arn: String
    /// `ACTIVE`, `DRAINING` or `INACTIVE` (deleted but still described).
    public var status: String
    public var desiredCount: Int
    public var runningCount: Int
    public var pendingCount: Int

    /// Creates a value, as the service would return it.
    public init(name: String, arn: String, status: String, desiredCount: Int, runningCount: Int, pendingCount: Int) {
        self.name = name
        self.arn = arn
        self.status = status
        self.desiredCount = desiredCount
        self.runningCount = runningCount
        self.pendingCount = pendingCount
    }
}

/// An ECS task as DescribeTasks returns it.
public struct ECSTask: Sendable, Equatable {
    public var arn: String
    public var lastStatus: String
    public var desiredStatus: String
    /// The reason the task stopped, such as `Essential container in task exited`, or nil while it runs.
    public var stoppedReason: String?
    public var stopCode: String?

    /// Creates a value, as the service would return it.
    public init(arn: String, lastStatus: String, desiredStatus: String, stoppedReason: String? = nil, stopCode: String? = nil) {
        self.arn = arn
        self.lastStatus = lastStatus
        self.desiredStatus = desiredStatus
        self.stoppedReason = stoppedReason
        self.stopCode = stopCode
    }
}

extension ECSClient {
    /// Looks up services of `cluster` by name; missing ones come back in the second list with reason `MISSING`.
    public func describeServices(cluster: String, names: [String]) throws -> (services: [ECSService], failures: [ECSFailure]) {
        let object = try client.json(.ecs, operation: "DescribeServices", body: ["cluster": cluster, "services": names])
        let services = (object["services"] as? [[String: Any]] ?? []).map { item in
            ECSService(
                name: item["serviceName"] as? String ?? "",
                arn: item["serviceArn"] as? String ?? "",
                status: item["status"] as? String ?? "",
                desiredCount: (item["desiredCount"] as? NSNumber)?.intValue ?? 0,
                runningCount: (item["runningCount"] as? NSNumber)?.intValue ?? 0,
                pendingCount: (item["pendingCount"] as? NSNumber)?.intValue ?? 0
            )
        }
        let failures = (object["failures"] as? [[String: Any]] ?? []).map { item in
            ECSFailure(arn: item["arn"] as? String ?? "", reason: item["reason"] as? String ?? "", detail: item["detail"] as? String)
        }
        return (services, failures)
    }

    /// Returns the ARNs of the tasks of `serviceName` in `cluster` with the given desired status
    /// (`RUNNING`, `PENDING` or `STOPPED`), following `nextToken` across pages.
    public func listTasks(cluster: String, serviceName: String, desiredStatus: String) throws -> [String] {
        var arns: [String] = []
        var token: String?
        repeat {
            var body: [String: Any] = ["cluster": cluster, "serviceName": serviceName, "desiredStatus": desiredStatus, "maxResults": 100]
            if let token { body["nextToken"] = token }
            let object = try client.json(.ecs, operation: "ListTasks", body: body)
            arns += object["taskArns"] as? [String] ?? []
            token = (object["nextToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return arns
    }

    /// Describes up to 100 tasks of `cluster` by ARN.
    public func describeTasks(cluster: String, arns: [String]) throws -> [ECSTask] {
        guard !arns.isEmpty else { return [] }
        let object = try client.json(.ecs, operation: "DescribeTasks", body: ["cluster": cluster, "tasks": Array(arns.prefix(100))])
        return (object["tasks"] as? [[String: Any]] ?? []).map { item in
            ECSTask(
                arn: item["taskArn"] as? String ?? "",
                lastStatus: item["lastStatus"] as? String ?? "",
                desiredStatus: item["desiredStatus"] as? String ?? "",
                stoppedReason: (item["stoppedReason"] as? String).flatMap { $0.isEmpty ? nil : $0 },
                stopCode: item["stopCode"] as? String
            )
        }
    }
}
