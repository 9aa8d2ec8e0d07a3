import Foundation

/// The Terraform or OpenTofu executable a run uses, and what its version supports.
public struct Engine: Equatable, Sendable {
    /// The executable's absolute path.
    public var path: String
    /// `terraform` or `tofu`.
    public var name: String
    /// The version as printed, such as `1.15.5`.
    public var version: String
    public var semanticVersion: EngineVersion

    /// The oldest release with `-json` on `plan` and `apply`.
    public static let minimumVersion = EngineVersion(major: 0, minor: 15, patch: 3)

    public init(path: String, name: String, version: EngineVersion) {
        self.path = path
        self.name = name
        self.version = version.description
        self.semanticVersion = version
    }

    /// True when `init -json` exists: Terraform 1.9.0 and later. OpenTofu counts as false.
    // NOTE: whether and since when OpenTofu's init takes -json was not confirmed, so Berth
    // runs its init without -json.
    public var supportsInitJSON: Bool {
        name == "terraform" && semanticVersion >= EngineVersion(major: 1, minor: 9, patch: 0)
    }

    /// The name and version for headers, such as `Terraform 1.15.5`.
    public var displayName: String {
        "\(name == "tofu" ? "OpenTofu" : "Terraform") \(version)"
    }

    /// Finds the engine: `explicitPath` when given (a path, or a name looked up on `PATH`),
    /// else `terraform`, else `tofu` on the `PATH` of `environment`. Reads the version from
    /// `version -json`, run with `environment`, and rejects versions older than 0.15.3.
    public static func discover(explicitPath: String?, environment: [String: String]) throws -> Engine {
        let searchPath = environment["PATH"] ?? ""
        let path: String
        if let explicitPath, !explicitPath.isEmpty {
            guard let found = locate(explicitPath, searchPath: searchPath) else {
                throw EngineError.notFound(searched: "\(explicitPath) is not an executable file")
            }
            path = found
        } else {
            guard let found = locate("terraform", searchPath: searchPath) ?? locate("tofu", searchPath: searchPath) else {
                throw EngineError.notFound(searched: "searched PATH=\(searchPath)")
            }
            path = found
        }

        let run = try readVersionOutput(path: path, environment: environment)
        let output = String(decoding: run.stdout, as: UTF8.self)
        if run.exitCode != 0 {
            throw EngineError.failedToRun(path: path, exitCode: run.exitCode, stderr: firstStderrLines(of: run))
        }
        guard let version = parseVersion(output) else {
            throw EngineError.versionUnreadable(path: path, output: TerminalText.stripEscapes(output).trimmingWhitespace())
        }

        let baseName = URL(fileURLWithPath: path).lastPathComponent
        let isTofu = baseName.hasPrefix("tofu") || output.contains("OpenTofu")
        let engine = Engine(path: path, name: isTofu ? "tofu" : "terraform", version: version)
        guard version >= minimumVersion else {
            throw EngineError.unsupportedVersion(name: engine.name, version: engine.version, path: path)
        }
        return engine
    }

    /// Reads `terraform_version` from `version -json` output, or `vX.Y.Z` from the plain
    /// first line that releases before 0.13 print.
    static func parseVersion(_ output: String) -> EngineVersion? {
        if let start = output.firstIndex(of: "{"), let end = output.lastIndex(of: "}"), start < end,
           let object = try? JSONSerialization.jsonObject(with: Data(output[start...end].utf8)) as? [String: Any],
           let text = object["terraform_version"] as? String {
            return EngineVersion(text)
        }
        for word in output.split(whereSeparator: { $0 == " " || $0 == "\n" }) where word.hasPrefix("v") {
            if let version = EngineVersion(String(word)) { return version }
        }
        return nil
    }

    private static func locate(_ name: String, searchPath: String) -> String? {
        if name.contains("/") {
            let url = URL(fileURLWithPath: name).standardizedFileURL
            return FileManager.default.isExecutableFile(atPath: url.path) ? url.path : nil
        }
        for folder in searchPath.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name).path
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }

    private static func readVersionOutput(path: String, environment: [String: String]) throws -> CapturedRun {
        let runner = TerraformRunner(executable: path)
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return try runner.capture(["version", "-json"], in: folder, environment: environment)
    }

    /// Returns up to three lines of what a failed run wrote on stderr, joined with " / ".
    private static func firstStderrLines(of run: CapturedRun) -> String {
        guard let diagnostic = run.diagnostics.first(where: \.isError) else { return "" }
        var lines: [String] = []
        if !diagnostic.summary.hasPrefix("Terraform exited with code") {
            lines.append(diagnostic.summary)
        }
        lines += diagnostic.detail.split(separator: "\n").map(String.init)
        let shown = lines.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.prefix(3)
        return shown.map { String($0.prefix(200)) }.joined(separator: " / ")
    }
}
