import Foundation

/// The offline backend-service blueprint in `sandbox/backend-service`, copied for a test so no
/// state or tfvars file ever lands in the repository.
public enum Sandbox {
    /// `sandbox/backend-service` in the package.
    public static var source: URL {
        Rig.packageRoot.appendingPathComponent("sandbox/backend-service", isDirectory: true)
    }

    /// The number of resources a full apply of the sandbox creates.
    public static let resourceCount = 26

    /// Copies the sandbox's `.tf` files and `terraform.tfvars.example` into `folder` (created when
    /// missing) and returns `folder`. State, `.terraform`, `.berth` and `terraform.tfvars` are
    /// never copied, even if someone left them in the source.
    @discardableResult
    public static func copy(to folder: URL) throws -> URL {
        let files = FileManager.default
        try files.createDirectory(at: folder, withIntermediateDirectories: true)
        let names = try files.contentsOfDirectory(atPath: source.path)
        let blueprintFiles = names.filter { $0.hasSuffix(".tf") || $0 == "terraform.tfvars.example" }
        guard blueprintFiles.contains("variables.tf"), blueprintFiles.contains("main.tf") else {
            throw RigError("the sandbox at \(source.path) lacks variables.tf or main.tf; check out the repository again")
        }
        for name in blueprintFiles {
            try files.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    /// Writes `terraform.tfvars` in `folder` from the example, with `repository_owner` (commented
    /// out in the example) set to `repositoryOwner`, and returns its URL.
    @discardableResult
    public static func writeFilledTfvars(in folder: URL, repositoryOwner: String = "octo-example") throws -> URL {
        let example = try String(contentsOf: source.appendingPathComponent("terraform.tfvars.example"), encoding: .utf8)
        var lines = example.components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.hasPrefix("# repository_owner") }) else {
            throw RigError("the sandbox's terraform.tfvars.example no longer has a commented-out repository_owner line")
        }
        lines[index] = "repository_owner         = \"\(repositoryOwner)\""
        let target = folder.appendingPathComponent("terraform.tfvars")
        try Data(lines.joined(separator: "\n").utf8).write(to: target)
        return target
    }
}
