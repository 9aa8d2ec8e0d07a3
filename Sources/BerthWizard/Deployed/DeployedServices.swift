import Foundation

/// The AWS calls the post-deploy verification makes. Kept apart from `AccountServices`
/// so the prerequisite checks and their test doubles need none of them.
public protocol DeployedServices: AnyObject {
    /// Returns the ECS service `name` in `cluster`, or nil when it does not exist or was deleted.
    func ecsService(cluster: String, name: String) throws -> ServiceState?
    /// Returns why the service's recently stopped tasks stopped, newest first, without repeats.
    func stoppedTaskReasons(cluster: String, serviceName: String) throws -> [String]
    /// Looks up the Cloud Map service `serviceName` in the namespace named `namespaceName`.
    func registration(namespaceName: String, serviceName: String) throws -> Registration
    /// Returns the newest run of the pipeline `name`, nil when it has never run; throws a
    /// not-found `ServiceFailure` when the pipeline does not exist.
    func latestPipelineRun(name: String) throws -> PipelineRun?
}

/// An ECS service's counts, as the verification reads them.
public struct ServiceState: Equatable, Sendable {
    public var status: String
    public var desiredCount: Int
    public var runningCount: Int
    public var pendingCount: Int

    public init(status: String, desiredCount: Int, runningCount: Int, pendingCount: Int) {
        self.status = status
        self.desiredCount = desiredCount
        self.runningCount = runningCount
        self.pendingCount = pendingCount
    }
}

/// The Cloud Map registration of a service name.
public enum Registration: Equatable, Sendable {
    case namespaceMissing
    case serviceMissing
    /// The service exists with this many registered instances.
    case instances(Int)
}

/// The newest pipeline run.
public struct PipelineRun: Equatable, Sendable {
    public var id: String
    public var status: String
    public var lastUpdate: Date?

    public init(id: String, status: String, lastUpdate: Date? = nil) {
        self.id = id
        self.status = status
        self.lastUpdate = lastUpdate
    }
}
