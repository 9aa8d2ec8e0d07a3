import Foundation

/// The outcome of a finished child process.
public struct ProcessResult: Sendable, Equatable {
    public var status: Int32
    public var standardOutput: Data
    public var standardError: Data

    public init(status: Int32, standardOutput: Data, standardError: Data) {
        self.status = status
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// Runs a program with an argument vector (never through a shell).
public protocol ProcessRunner: Sendable {
    /// Runs `arguments[0]` with the rest as arguments; throws when it cannot start or exceeds `timeout` seconds.
    func run(_ arguments: [String], environment: [String: String], timeout: TimeInterval) throws -> ProcessResult
}

/// Runs programs with Foundation's `Process`, finding bare names on the environment's `PATH`.
public struct SystemProcessRunner: ProcessRunner {
    public init() {}

    public func run(_ arguments: [String], environment: [String: String], timeout: TimeInterval) throws -> ProcessResult {
        guard let program = arguments.first, let executable = locate(program, path: environment["PATH"]) else {
            throw ProcessRunnerError(message: "the program \"\(arguments.first ?? "")\" was not found")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(arguments.dropFirst())
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()

        // Both pipes are drained on their own threads so a chatty child cannot block on a full pipe.
        let group = DispatchGroup()
        let outputData = DataBox()
        let errorData = DataBox()
        DispatchQueue.global().async(group: group) { outputData.data = output.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errorData.data = errors.fileHandleForReading.readDataToEndOfFile() }

        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            finished.wait()
            group.wait()
            throw ProcessRunnerError(message: "\(program) did not finish within \(Int(timeout)) seconds and was stopped")
        }
        group.wait()
        return ProcessResult(status: process.terminationStatus, standardOutput: outputData.data, standardError: errorData.data)
    }

    private func locate(_ program: String, path: String?) -> String? {
        if program.contains("/") {
            return FileManager.default.isExecutableFile(atPath: program) ? program : nil
        }
        for folder in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }
}

/// A buffer one reader thread fills; read only after the thread group finished.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// A child process that could not be run to the end.
public struct ProcessRunnerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Splits a command line into arguments the way a POSIX shell would, without running a shell:
/// single and double quotes group, a backslash escapes the next character.
public enum CommandLineSplitter {
    /// Returns the arguments of `line`, or nil when a quote is not closed.
    public static func split(_ line: String) -> [String]? {
        var arguments: [String] = []
        var current = ""
        var hasCurrent = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            if character == "\\" && quote != "'" {
                escaped = true
                hasCurrent = true
                continue
            }
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
                continue
            }
            if character == "'" || character == "\"" {
                quote = character
                hasCurrent = true
            } else if character == " " || character == "\t" {
                if hasCurrent { arguments.append(current) }
                current = ""
                hasCurrent = false
            } else {
                current.append(character)
                hasCurrent = true
            }
        }
        guard quote == nil, !escaped else { return nil }
        if hasCurrent { arguments.append(current) }
        return arguments
    }
}
