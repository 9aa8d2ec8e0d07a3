import BerthHCL
import BerthTestSupport
import Foundation

/// Runs the rig's real Terraform on a copy of a corpus folder and reads each variable's value
/// back through one output per variable.
struct TerraformProbe {
    struct Result {
        var status: Int32
        /// Output values by variable name; a null value is absent, as Terraform omits it.
        var values: [String: HCLValue]
        var errorText: String
    }

    let folder: URL

    /// Copies the corpus folder to a new temporary folder.
    static func copy(of source: URL) throws -> TerraformProbe {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-hcl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in Corpus.files(in: source) {
            try FileManager.default.copyItem(at: file, to: folder.appendingPathComponent(file.lastPathComponent))
        }
        return TerraformProbe(folder: folder)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Applies the folder (outputs only, no providers) and returns the variables' values.
    func run(variables: [VariableDeclaration], environment extra: [String: String] = [:]) throws -> Result {
        try Rig.require()
        var outputs = ""
        for variable in variables {
            outputs += "output \"berth_\(variable.name)\" {\n  value     = var.\(variable.name)\n  sensitive = \(variable.sensitive)\n}\n"
        }
        try outputs.write(to: folder.appendingPathComponent("berth_outputs.tf"), atomically: true, encoding: .utf8)

        let apply = try terraform(["apply", "-auto-approve", "-input=false", "-json"], environment: extra)
        var values: [String: HCLValue] = [:]
        var diagnostics = ""
        for line in apply.output.split(separator: "\n") {
            guard case .object(let message)? = try? HCLValue.parse(json: String(line)) else { continue }
            if case .object(let diagnostic)? = message.first(where: { $0.key == "diagnostic" })?.value {
                diagnostics += diagnostic.compactMap { $0.value.stringValue }.joined(separator: "\n") + "\n"
            }
            guard case .object(let outputs)? = message.first(where: { $0.key == "outputs" })?.value else { continue }
            values = Self.values(outputs)
        }
        guard apply.status == 0 else { return Result(status: apply.status, values: [:], errorText: diagnostics + apply.error) }

        // The JSON stream leaves out sensitive values, so those need `terraform output -json`.
        if variables.contains(where: \.sensitive) {
            let output = try terraform(["output", "-json", "-no-color"], environment: extra)
            guard output.status == 0, case .object(let outputs) = try HCLValue.parse(json: output.output) else {
                return Result(status: output.status, values: [:], errorText: output.error)
            }
            values = Self.values(outputs)
        }
        return Result(status: 0, values: values, errorText: "")
    }

    private static func values(_ outputs: [HCLObjectMember]) -> [String: HCLValue] {
        var values: [String: HCLValue] = [:]
        for member in outputs where member.key.hasPrefix("berth_") {
            guard case .object(let fields) = member.value, let value = fields.first(where: { $0.key == "value" })?.value else { continue }
            values[String(member.key.dropFirst("berth_".count))] = value
        }
        return values
    }

    private func terraform(_ arguments: [String], environment extra: [String: String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = Rig.terraform
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": folder.path,
            "TF_CLI_CONFIG_FILE": "/dev/null",
            "CHECKPOINT_DISABLE": "1",
            "TF_IN_AUTOMATION": "1",
        ]
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let outputFile = folder.appendingPathComponent(".stdout")
        let errorFile = folder.appendingPathComponent(".stderr")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        let error = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output, error)
    }
}
