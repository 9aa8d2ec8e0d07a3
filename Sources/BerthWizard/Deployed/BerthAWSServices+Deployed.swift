import BerthAWS
import Foundation

extension BerthAWSServices: DeployedServices {
    public func ecsService(cluster: String, name: String) throws -> ServiceState? {
        let lookup = try deployedCall { try ECSClient(client: AWSClient(resolved: resolved)).describeServices(cluster: cluster, names: [name]) }
        guard let service = lookup.services.first(where: { $0.name == name }), service.status != "INACTIVE" else { return nil }
        return ServiceState(status: service.status, desiredCount: service.desiredCount, runningCount: service.runningCount, pendingCount: service.pendingCount)
    }

    public func stoppedTaskReasons(cluster: String, serviceName: String) throws -> [String] {
        try deployedCall {
            let ecs = ECSClient(client: AWSClient(resolved: resolved))
            let arns = try ecs.listTasks(cluster: cluster, serviceName: serviceName, desiredStatus: "STOPPED")
            var reasons: [String] = []
            for task in try ecs.describeTasks(cluster: cluster, arns: arns) {
                if let reason = task.stoppedReason, !reasons.contains(reason) {
                    reasons.append(reason)
                }
            }
            return reasons
        }
    }

    public func registration(namespaceName: String, serviceName: String) throws -> Registration {
        try deployedCall {
            let discovery = ServiceDiscoveryClient(client: AWSClient(resolved: resolved))
            guard let namespace = try discovery.listNamespaces().first(where: { $0.name == namespaceName }) else {
                return .namespaceMissing
            }
            guard let service = try discovery.listServices(namespaceID: namespace.id).first(where: { $0.name == serviceName }) else {
                return .serviceMissing
            }
            return .instances(try discovery.listInstances(serviceID: service.id).count)
        }
    }

    public func latestPipelineRun(name: String) throws -> PipelineRun? {
        try deployedCall {
            try CodePipelineClient(client: AWSClient(resolved: resolved)).listPipelineExecutions(name: name, maxResults: 1).first.map {
                PipelineRun(id: $0.id, status: $0.status, lastUpdate: $0.lastUpdateTime ?? $0.startTime)
            }
        }
    }

    private func deployedCall<T>(_ call: () throws -> T) throws -> T {
        do {
            return try call()
        } catch let error as AWSError {
            throw ServiceFailure(kind: Self.kind(error.kind), code: error.code, message: error.message, fix: error.fix, action: error.kind == .accessDenied ? error.requiredAction : nil)
        }
    }
}
