import BerthAWS
import BerthWizard
import Foundation

/// Creates, in the emulator, what a real deploy of the backend service leaves behind: a task
/// definition, an ECS service, a Cloud Map service with instances, a stopped task and a pipeline.
struct DeployedSeed {
    let client: AWSClient
    let cluster: String
    let serviceName: String

    init(services: BerthAWSServices, cluster: String = "ecs-blueprint-infra", serviceName: String = "ecsdemo-backend") {
        self.client = AWSClient(resolved: services.resolved)
        self.cluster = cluster
        self.serviceName = serviceName
    }

    /// Registers a task definition and creates the service with `desiredCount` (moto starts it with none running).
    func createService(desiredCount: Int) throws {
        let definition = try client.json(.ecs, operation: "RegisterTaskDefinition", body: [
            "family": serviceName,
            "containerDefinitions": [["name": "ecsdemo-nodejs", "image": "nginx", "memory": 512, "essential": true]],
        ])
        let arn = (definition["taskDefinition"] as? [String: Any])?["taskDefinitionArn"] as? String ?? serviceName
        _ = try client.json(.ecs, operation: "CreateService", body: [
            "cluster": cluster, "serviceName": serviceName, "taskDefinition": arn, "desiredCount": desiredCount,
        ])
    }

    /// Sets the desired count; moto then reports that many tasks running.
    func updateDesiredCount(_ count: Int) throws {
        _ = try client.json(.ecs, operation: "UpdateService", body: ["cluster": cluster, "service": serviceName, "desiredCount": count])
    }

    /// Starts a task of the service's family, then stops it with `reason`.
    func stopTask(reason: String) throws {
        let run = try client.json(.ecs, operation: "RunTask", body: [
            "cluster": cluster, "taskDefinition": serviceName, "launchType": "FARGATE", "group": "service:\(serviceName)",
            "networkConfiguration": ["awsvpcConfiguration": ["subnets": ["subnet-00000000"]]],
        ], isIdempotent: false)
        let arn = ((run["tasks"] as? [[String: Any]])?.first?["taskArn"] as? String) ?? ""
        _ = try client.json(.ecs, operation: "StopTask", body: ["cluster": cluster, "task": arn, "reason": reason], isIdempotent: false)
    }

    /// Creates the Cloud Map service `serviceName` in the namespace `namespaceID` and registers `count` instances.
    func register(namespaceID: String, count: Int) throws {
        let created = try client.json(.serviceDiscovery, operation: "CreateService", body: [
            "Name": serviceName, "NamespaceId": namespaceID,
            "DnsConfig": ["DnsRecords": [["Type": "A", "TTL": 10]]],
        ], isIdempotent: false)
        let id = (created["Service"] as? [String: Any])?["Id"] as? String ?? ""
        for index in 0..<count {
            _ = try client.json(.serviceDiscovery, operation: "RegisterInstance", body: [
                "ServiceId": id, "InstanceId": "task-\(index)", "Attributes": ["AWS_INSTANCE_IPV4": "10.0.3.\(10 + index)"],
            ], isIdempotent: false)
        }
    }

    /// Creates `pipeline-<service_name>` and starts one run of it.
    func createPipeline(start: Bool) throws {
        let name = "pipeline-\(serviceName)"
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"codepipeline.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        _ = try? client.query(.iam, action: "CreateRole", parameters: [("RoleName", "codepipeline"), ("AssumeRolePolicyDocument", trust)])
        _ = try client.json(.codePipeline, operation: "CreatePipeline", body: ["pipeline": [
            "name": name,
            "roleArn": "arn:aws:iam::123456789012:role/codepipeline",
            "artifactStore": ["type": "S3", "location": "codepipeline-bucket"],
            "stages": [
                ["name": "Source", "actions": [["name": "Source", "actionTypeId": ["category": "Source", "owner": "ThirdParty", "provider": "GitHub", "version": "1"], "outputArtifacts": [["name": "source"]]]]],
                ["name": "Deploy", "actions": [["name": "Deploy", "actionTypeId": ["category": "Deploy", "owner": "AWS", "provider": "ECS", "version": "1"], "inputArtifacts": [["name": "source"]]]]],
            ],
        ]], isIdempotent: false)
        if start {
            _ = try client.json(.codePipeline, operation: "StartPipelineExecution", body: ["name": name], isIdempotent: false)
        }
    }
}
