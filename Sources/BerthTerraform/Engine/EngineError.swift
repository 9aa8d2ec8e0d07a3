/// The reasons no usable Terraform or OpenTofu was found.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    /// Neither `terraform` nor `tofu` is on `PATH`, or the explicit path is not executable.
    case notFound(searched: String)
    /// `version -json` failed or printed no version.
    case versionUnreadable(path: String, output: String)
    /// Older than 0.15.3, which lacks `-json` on `plan` and `apply`.
    case unsupportedVersion(name: String, version: String, path: String)

    public var description: String {
        switch self {
        case let .notFound(searched):
            return "no terraform or tofu executable was found (\(searched)); install Terraform 1.9 or later, or pass its path with --engine PATH"
        case let .versionUnreadable(path, output):
            let shown = output.isEmpty ? "no output" : "output: \(output.prefix(200))"
            return "\(path) version -json printed no version (\(shown)); check that it is a Terraform or OpenTofu executable"
        case let .unsupportedVersion(name, version, path):
            return "\(name) \(version) at \(path) is too old: Berth needs 0.15.3 or later for plan and apply -json output; install Terraform 1.9 or later (or OpenTofu), or pass a newer one with --engine PATH"
        }
    }
}
