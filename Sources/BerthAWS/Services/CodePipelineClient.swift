import Foundation

extension AWSService {
    /// AWS CodePipeline (JSON 1.1 protocol).
    public static let codePipeline = AWSService(serviceID: "CodePipeline", endpointPrefix: "codepipeline", signingName: "codepipeline",
                                                configKey: "codepipeline",
                                                wireProtocol: .json(version: "1.1", targetPrefix: "CodePipeline_20150709"),
                                                isGlobal: false)
}

/// One run of a pipeline as ListPipelineExecutions summarises it.
public struct PipelineExecutionSummary: Sendable, Equatable {
    public var id: String
    /// `InProgress`, `Stopped`, `Stopping`, `Succeeded`, `Superseded` or `Failed`.
    public var status: String
    public var startTime: Date?
    public var lastUpdateTime: Date?

    /// Creates a value, as the service would return it.
    public init(id: String, status: String, startTime: Date? = nil, lastUpdateTime: Date? = nil) {
        self.id = id
        self.status = status
        self.startTime = startTime
        self.lastUpdateTime = lastUpdateTime
    }
}

/// AWS CodePipeline (JSON 1.1 protocol).
public struct CodePipelineClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Returns the newest runs of the pipeline `name`, newest first; a missing pipeline throws
    /// `PipelineNotFoundException` as a not-found error.
    public func listPipelineExecutions(name: String, maxResults: Int = 5) throws -> [PipelineExecutionSummary] {
        let object = try client.json(.codePipeline, operation: "ListPipelineExecutions", body: ["pipelineName": name, "maxResults": maxResults])
        return (object["pipelineExecutionSummaries"] as? [[String: Any]] ?? []).map { item in
            PipelineExecutionSummary(
                id: item["pipelineExecutionId"] as? String ?? "",
                status: item["status"] as? String ?? "",
                startTime: Self.date(item["startTime"]),
                lastUpdateTime: Self.date(item["lastUpdateTime"])
            )
        }
    }

    /// JSON 1.1 services send timestamps as seconds since 1970.
    static func date(_ value: Any?) -> Date? {
        (value as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue) }
    }
}
