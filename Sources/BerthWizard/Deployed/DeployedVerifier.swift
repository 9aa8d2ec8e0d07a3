import Foundation

/// Verifies a deployed backend service: the ECS service reaches its desired running count,
/// its tasks are registered in Cloud Map, and the pipeline's newest run is reported. Polls
/// with an injected clock and sleeper and gives up after `timeout`.
public struct DeployedVerifier {
    /// Check ids, in the order they are reported.
    public static let ids = ["deployed.pipeline", "deployed.service", "deployed.discovery"]

    public static let titles = [
        "deployed.pipeline": "Pipeline's newest run",
        "deployed.service": "ECS service running count",
        "deployed.discovery": "Tasks registered in Cloud Map",
    ]

    public var services: DeployedServices
    /// How long to wait for the running count and the registrations.
    public var timeout: TimeInterval
    public var interval: TimeInterval
    public var now: () -> Date
    public var sleep: (TimeInterval) -> Void

    public init(
        services: DeployedServices,
        timeout: TimeInterval = 600,
        interval: TimeInterval = 10,
        now: @escaping () -> Date = { Date() },
        sleep: @escaping (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }
    ) {
        self.services = services
        self.timeout = timeout
        self.interval = interval
        self.now = now
        self.sleep = sleep
    }

    /// Runs the verification and returns a result for each id in `ids`. `progress` receives each
    /// result when it is known, and `running` ones while the poll waits.
    public func verify(_ target: DeployedTarget, progress: (String, CheckResult) -> Void = { _, _ in }) -> [String: CheckResult] {
        var results: [String: CheckResult] = [:]
        func report(_ id: String, _ result: CheckResult) {
            results[id] = result
            progress(id, result)
        }

        let pipeline = pipelineResult(target)
        report("deployed.pipeline", pipeline)

        let deadline = now().addingTimeInterval(timeout)
        while true {
            let service: ServiceState?
            do {
                service = try services.ecsService(cluster: target.cluster, name: target.serviceName)
            } catch {
                report("deployed.service", .from(error, doing: "DescribeServices \(target.serviceName) in \(target.cluster)", permission: "ecs:DescribeServices"))
                report("deployed.discovery", .unknown("Not checked: the ECS service could not be read.", fix: nil))
                return results
            }
            guard let service else {
                report("deployed.service", notDeployed(target, pipelineMissing: pipeline.facts["pipeline_missing"] != nil))
                report("deployed.discovery", .unknown("Not checked: there is no ECS service \(target.serviceName) yet.", fix: nil))
                return results
            }

            let registration: Registration
            do {
                registration = try services.registration(namespaceName: target.namespaceName, serviceName: target.serviceName)
            } catch {
                report("deployed.discovery", .from(error, doing: "ListInstances for \(target.serviceName)", permission: "servicediscovery:ListInstances"))
                registration = .instances(-1)
            }

            let running = service.runningCount >= service.desiredCount
            let registered: Bool
            if case .instances(let count) = registration { registered = count >= service.desiredCount } else { registered = false }
            if running {
                report("deployed.service", .pass("\(service.runningCount) of \(service.desiredCount) tasks running in \(target.cluster).",
                                                 facts: Self.facts(of: service)))
            }
            if case .instances(let count) = registration, count >= 0, registered {
                report("deployed.discovery", .pass("\(count) instance(s) registered as \(target.serviceName).\(target.namespaceName).",
                                                   facts: ["instances": "\(count)"]))
            }
            if running && registered {
                return results
            }
            if now() >= deadline {
                if !running {
                    report("deployed.service", timedOut(target, service))
                }
                if !registered {
                    report("deployed.discovery", discoveryFailure(target, registration, desired: service.desiredCount))
                }
                return results
            }
            if !running {
                report("deployed.service", CheckResult(status: .running, evidence: "\(service.runningCount) of \(service.desiredCount) tasks running, \(service.pendingCount) pending; waiting…"))
            }
            if !registered {
                report("deployed.discovery", CheckResult(status: .running, evidence: "Waiting for the tasks to register in \(target.namespaceName)…"))
            }
            sleep(interval)
        }
    }

    private func pipelineResult(_ target: DeployedTarget) -> CheckResult {
        let name = target.pipelineName
        do {
            guard let run = try services.latestPipelineRun(name: name) else {
                return .warn("\(name) exists but has not run yet; tasks start once its first run reaches Deploy.",
                             fix: "Push a commit to the fork's branch, or choose Release change on \(name) in the CodePipeline console.")
            }
            let when = run.lastUpdate.map { " (updated \(ISO8601DateFormatter().string(from: $0)))" } ?? ""
            var facts = ["pipeline_status": run.status, "pipeline_execution_id": run.id]
            facts["pipeline_last_update"] = run.lastUpdate.map { ISO8601DateFormatter().string(from: $0) }
            switch run.status {
            case "Succeeded":
                return .pass("\(name): newest run \(run.status)\(when).", facts: facts)
            case "Failed", "Stopped":
                return .fail("\(name): newest run \(run.status)\(when).",
                             fix: "Open \(name) in the CodePipeline console, read the failed action's details, fix it, then choose Retry.",
                             facts: facts)
            default:
                return .warn("\(name): newest run \(run.status)\(when).", fix: "Wait for the run to finish; tasks start once it reaches Deploy.",
                             facts: facts)
            }
        } catch let failure as ServiceFailure where failure.kind == .notFound {
            var result = CheckResult.fail("There is no pipeline \(name) in this region.",
                                          fix: "Deploy the service with `berth` (or `berth redeploy`) in this folder; the blueprint creates the pipeline.")
            result.facts["pipeline_missing"] = "1"
            return result
        } catch {
            return .from(error, doing: "ListPipelineExecutions \(name)", permission: "codepipeline:ListPipelineExecutions")
        }
    }

    private func notDeployed(_ target: DeployedTarget, pipelineMissing: Bool) -> CheckResult {
        let evidence = pipelineMissing
            ? "Not deployed by this blueprint yet: there is no ECS service \(target.serviceName) in cluster \(target.cluster) and no pipeline \(target.pipelineName)."
            : "There is no ECS service \(target.serviceName) in cluster \(target.cluster), although the pipeline \(target.pipelineName) exists."
        let fix = pipelineMissing
            ? "Run `berth` in this folder to deploy it, or check that service_name and core_stack_name in terraform.tfvars name the deployed service."
            : "Run `berth redeploy` in this folder: Terraform recreates the service."
        return .fail(evidence, fix: fix, facts: pipelineMissing ? ["not_deployed": "1"] : [:])
    }

    private func timedOut(_ target: DeployedTarget, _ service: ServiceState) -> CheckResult {
        var evidence = "After \(Int(timeout)) s, \(service.runningCount) of \(service.desiredCount) tasks run in \(target.cluster)."
        let reasons = (try? services.stoppedTaskReasons(cluster: target.cluster, serviceName: target.serviceName)) ?? []
        if !reasons.isEmpty {
            evidence += " Stopped tasks: " + reasons.prefix(3).joined(separator: "; ") + "."
        }
        let fix = reasons.isEmpty
            ? "The pipeline may not have deployed an image yet: check its newest run, then run `berth check --deployed` again."
            : "Fix what stopped the tasks (image, secrets, port, memory), then run `berth check --deployed` again."
        var facts = Self.facts(of: service)
        facts["timed_out"] = "1"
        facts["stopped_reasons"] = Self.encodedList(reasons)
        return .fail(evidence, fix: fix, facts: facts)
    }

    private func discoveryFailure(_ target: DeployedTarget, _ registration: Registration, desired: Int) -> CheckResult {
        switch registration {
        case .namespaceMissing:
            return .fail("There is no Cloud Map namespace \(target.namespaceName).",
                         fix: "Check namespace and core_stack_name in terraform.tfvars, or deploy core-infra with that namespace.",
                         facts: ["namespace_missing": "1", "timed_out": "1"])
        case .serviceMissing:
            return .fail("The namespace \(target.namespaceName) has no service \(target.serviceName).",
                         fix: "Run `berth redeploy` in this folder: Terraform creates the Cloud Map service.",
                         facts: ["service_missing": "1", "timed_out": "1"])
        case .instances(let count) where count < 0:
            return .unknown("Cloud Map could not be read.", fix: "Run `berth check --deployed` again.")
        case .instances(let count):
            return .fail("After \(Int(timeout)) s, \(count) of \(desired) tasks are registered as \(target.serviceName).\(target.namespaceName).",
                         fix: "Tasks register once they run and pass health checks; fix the stopped tasks first, then run `berth check --deployed` again.",
                         facts: ["instances": "\(count)", "timed_out": "1"])
        }
    }

    /// Returns the service's status and counts as result facts for `berth check --deployed --json`.
    static func facts(of service: ServiceState) -> [String: String] {
        ["service_status": service.status, "running": "\(service.runningCount)",
         "desired": "\(service.desiredCount)", "pending": "\(service.pendingCount)"]
    }

    /// Encodes a list as one fact, a JSON array, so an item may contain any character.
    static func encodedList(_ items: [String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: items, options: [.withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
