import Foundation

/// The task CPU and memory pairs Fargate accepts (CPU units, memory MiB).
public enum FargateSizes {
    /// Memory values allowed for each CPU value.
    public static let memoryByCPU: [Int: [Int]] = [
        256: [512, 1024, 2048],
        512: Array(stride(from: 1024, through: 4096, by: 1024)),
        1024: Array(stride(from: 2048, through: 8192, by: 1024)),
        2048: Array(stride(from: 4096, through: 16384, by: 1024)),
        4096: Array(stride(from: 8192, through: 30720, by: 1024)),
        8192: Array(stride(from: 16384, through: 61440, by: 4096)),
        16384: Array(stride(from: 32768, through: 122880, by: 8192)),
    ]

    /// nil when the pair is valid, otherwise the message to show on the memory field.
    public static func problem(cpu: Int, memory: Int) -> String? {
        guard let allowed = memoryByCPU[cpu] else {
            let cpus = memoryByCPU.keys.sorted().map(String.init).joined(separator: ", ")
            return "Fargate has no task size with cpu = \(cpu); use one of \(cpus)."
        }
        if allowed.contains(memory) { return nil }
        return "Fargate does not accept memory = \(memory) with cpu = \(cpu); use \(describe(allowed))."
    }

    private static func describe(_ values: [Int]) -> String {
        if values.count <= 3 { return values.map(String.init).joined(separator: ", ") }
        let step = values[1] - values[0]
        return "\(values.first!) to \(values.last!) in steps of \(step)"
    }
}
