/// The reasons no usable Terraform or OpenTofu was found.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    /// Neither `terraform` nor `tofu` is on `PATH`, or the explicit path is not executable.
    case notFound(searched: String)
    /// `version -json` failed or printed no version.
    case versionUnreadable(path: String, output: String)
    /// Older than 0.15.3, which lacks `-json` on `plan` and `apply`.
    case unsupportedVersion(name: String, version: String, path: String)
    /// `version -json` exited with a non-zero status, such as 126 when a launcher script
    /// cannot execute the binary it starts. `stderr` contains the first lines it wrote there.
    case failedToRun(path: String, exitCode: Int32, stderr: String)

    public var description: String {
        switch self {
        case let .notFound(searched):
            return "no terraform or tofu executable was found (\(searched)); install Terraform 1.9 or later, or pass its path with --engine PATH"
        case let .versionUnreadable(path, output):
            let shown = output.isEmpty ? "no output" : "output: \(output.prefix(200))"
            return "\(path) version -json printed no version (\(shown)); check that it is a Terraform or OpenTofu executable"
        case let .unsupportedVersion(name, version, path):
            return "\(name) \(version) at \(path) is too old: Berth needs 0.15.3 or later for plan and apply -json output; install Terraform 1.9 or later (or OpenTofu), or pass a newer one with --engine PATH"
        case let .failedToRun(path, exitCode, stderr):
            let shown = stderr.isEmpty ? "nothing on stderr" : "stderr: \(stderr)"
            return "\(path) version -json exited with status \(exitCode) (\(shown))"
        }
    }

    /// The next step for the person, fitted to the reason.
    public var fix: String {
        switch self {
        case .notFound:
            return "Install Terraform 1.9 or later (or OpenTofu) and put it on PATH, or pass --engine PATH."
        case let .versionUnreadable(path, _):
            return "Check that \(path) is a Terraform or OpenTofu executable, or pass another one with --engine PATH."
        case let .unsupportedVersion(_, _, path):
            return "Install Terraform 1.9 or later (or OpenTofu) in place of \(path), or pass a newer one with --engine PATH."
        case let .failedToRun(path, exitCode, stderr):
            if exitCode == 126 || stderr.localizedCaseInsensitiveContains("permission denied") {
                return "Check the permissions of \(path), of the program it starts and of the folders on PATH (each must be executable by you, for example `chmod +x`), then run the check again."
            }
            if exitCode == 127 || stderr.localizedCaseInsensitiveContains("not found") {
                return "\(path) could not start the program it runs: check the PATH it uses and that the program is installed, or pass another engine with --engine PATH."
            }
            return "Run `\(path) version` yourself to see the whole error and fix it, or pass another engine with --engine PATH."
        }
    }
}
