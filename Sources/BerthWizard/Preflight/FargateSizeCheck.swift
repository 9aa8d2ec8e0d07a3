import Foundation

/// The task's cpu and memory form a pair Fargate accepts; the plan does not
/// notice a bad pair, the apply does (ClientException from RegisterTaskDefinition).
public struct FargateSizeCheck: Check {
    public let id = "preflight.fargate-size"
    public let title = "Fargate task size"
    public let dependsOn: [String] = []

    public init() {}

    public func run(_ context: CheckContext) -> CheckResult {
        guard let values = PreflightValues(files: context.files) else { return PreflightWording.noFiles }
        let cpuName = values.value("cpu") == nil && values.value("task_cpu") != nil ? "task_cpu" : "cpu"
        let memoryName = values.value("memory") == nil && values.value("task_memory") != nil ? "task_memory" : "memory"

        guard let cpuText = values.value(cpuName), let memoryText = values.value(memoryName) else {
            return .unknown("\(cpuName) or \(memoryName) is not set.", fix: "Set \(cpuName) and \(memoryName) in terraform.tfvars, such as cpu = 256 and memory = 512.")
        }
        guard let cpu = Int(cpuText), let memory = Int(memoryText) else {
            return .fail(
                "\(cpuName) = \(cpuText) and \(memoryName) = \(memoryText) are not both whole numbers.",
                fix: "Write CPU units and MiB as numbers, such as cpu = 256 and memory = 512."
            )
        }
        if let problem = FargateSizes.problem(cpu: cpu, memory: memory) {
            return .fail(problem, fix: "Set \(cpuName) and \(memoryName) in terraform.tfvars to a pair from the Fargate table, such as 256 with 512, or 1024 with 2048.")
        }
        return .pass("cpu \(cpu) with memory \(memory) MiB is a Fargate task size.")
    }
}
