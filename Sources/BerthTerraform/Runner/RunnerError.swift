/// The reasons a Terraform run could not start or be read.
public enum RunnerError: Error, Equatable, CustomStringConvertible {
    case spawnFailed(executable: String, reason: String)
    case alreadyRunning
    case folderMissing(String)
    case recordUnwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .spawnFailed(executable, reason):
            return "could not start \(executable): \(reason); check that the file exists and is executable"
        case .alreadyRunning:
            return "this runner is already running Terraform; wait for the run to end or use another runner"
        case let .folderMissing(path):
            return "the Terraform folder \(path) does not exist; run Berth inside the blueprint folder"
        case let .recordUnwritable(path, reason):
            return "could not write the run record \(path): \(reason); check the folder's permissions"
        }
    }
}
