import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A moto AWS emulator on 127.0.0.1 for one test or suite. It stops when
/// `stop()` is called, when this object is released, or when the test
/// process exits (the emulator watches its stdin and its parent).
public final class Emulator: @unchecked Sendable {
    public let url: URL
    private let process: Process
    private let input: Pipe

    /// Starts the emulator and waits until it responds to HTTP requests.
    public init() throws {
        try Rig.require()
        let process = Process()
        let input = Pipe()
        let output = Pipe()
        // Started with a clear signal mask (see ChildProcess) so `terminate()` reaches it.
        process.executableURL = URL(fileURLWithPath: ChildProcess.perl)
        process.arguments = ["-e", ChildProcess.clearSignalMask, Rig.python.path, Rig.script("emulator.py").path,
                             "--max-seconds", "1800"]
        process.standardInput = input
        process.standardOutput = output
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("berth-emulator-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        defer { try? FileManager.default.removeItem(at: log) }
        try process.run()

        let handle = output.fileHandleForReading
        var buffer = Data()
        while !buffer.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty {
                let errors = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw RigError("the emulator exited before it was ready: \(errors.suffix(2000))")
            }
            buffer.append(chunk)
        }
        let line = String(decoding: buffer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasPrefix("ready "), let url = URL(string: String(line.dropFirst(6))) else {
            throw RigError("unexpected emulator output: \(line)")
        }
        self.url = url
        self.process = process
        self.input = input
    }

    deinit {
        stop()
    }

    public func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    /// The emulator's stand-in for the GitHub REST API (every repository and file exists).
    public var githubAPIURL: String {
        url.absoluteString + "/github-api"
    }

    /// Environment that points AWS clients (Berth, the AWS CLI, Terraform) and GitHub API calls at this emulator.
    public var environment: [String: String] {
        [
            "AWS_ENDPOINT_URL": url.absoluteString,
            "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "AWS_REGION": "us-west-2",
            "GITHUB_API_URL": githubAPIURL,
        ]
    }

    /// Environment for running Berth or Terraform against this emulator as `scripts/sandbox`
    /// does: `environment`, the rig's Terraform first on `PATH`, `HOME` set to `home`, empty AWS
    /// config and credentials files in `home` so no real profile is read, and no CLI config.
    public func isolatedEnvironment(home: URL) throws -> [String: String] {
        let config = home.appendingPathComponent("aws-config")
        let credentials = home.appendingPathComponent("aws-credentials")
        try Data().write(to: config)
        try Data().write(to: credentials)

        var variables = environment
        let inheritedPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        variables["PATH"] = Rig.folder.appendingPathComponent("bin").path + ":" + inheritedPath
        variables["HOME"] = home.path
        variables["AWS_DEFAULT_REGION"] = variables["AWS_REGION"]
        variables["AWS_CONFIG_FILE"] = config.path
        variables["AWS_SHARED_CREDENTIALS_FILE"] = credentials.path
        variables["AWS_EC2_METADATA_DISABLED"] = "true"
        variables["TF_CLI_CONFIG_FILE"] = "/dev/null"
        return variables
    }

    /// Runs `scripts/rig/seed.py` against this emulator and returns its report of what it created.
    ///
    /// With no arguments it seeds the default core-infra (`ecs-blueprint-infra` in us-west-2).
    /// See `seed.py --help` for `--with-secret`, `--with-role`, `--without PART` and the rest.
    @discardableResult
    public func seed(_ arguments: [String] = []) throws -> SeedReport {
        let result = try ChildProcess.run(
            Rig.python.path, [Rig.script("seed.py").path, url.absoluteString] + arguments, timeout: 60)
        guard result.succeeded else {
            throw RigError("seed.py \(arguments.joined(separator: " ")) failed: \(result.standardError)")
        }
        do {
            return try JSONDecoder().decode(SeedReport.self, from: Data(result.standardOutput.utf8))
        } catch {
            throw RigError("seed.py printed a report that does not decode (\(error)): \(result.standardOutput)")
        }
    }

    /// Calls one AWS operation on this emulator through boto3 (`scripts/rig/call.py`), outside
    /// Berth's own AWS code, and returns the response as a JSON object.
    ///
    /// `service` and `operation` are boto3 names (`"ec2"`, `"describe_vpcs"`); `parameters` are
    /// its keyword arguments. An AWS error throws `EmulatorCallError` with the error code.
    public func call(
        _ service: String, _ operation: String, _ parameters: [String: Any] = [:], region: String = "us-west-2"
    ) throws -> [String: Any] {
        let encoded = String(decoding: try JSONSerialization.data(withJSONObject: parameters), as: UTF8.self)
        let result = try ChildProcess.run(
            Rig.python.path,
            [Rig.script("call.py").path, url.absoluteString, service, operation, encoded, "--region", region],
            timeout: 60)
        let object = (try? JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))) as? [String: Any]
        if result.exitStatus == 3, let error = object?["Error"] as? [String: Any] {
            throw EmulatorCallError(
                service: service, operation: operation,
                code: error["Code"] as? String ?? "", message: error["Message"] as? String ?? "")
        }
        guard result.succeeded, let object else {
            throw RigError("call.py \(service) \(operation) failed: \(result)")
        }
        return object
    }

    /// Clears every resource in the emulator.
    public func reset() throws {
        try control("reset", body: "")
    }

    /// Turns moto's IAM enforcement on or off. When on, every call must be signed with an access
    /// key created in the emulator and be allowed by that identity's policies, so the default keys of
    /// `environment` are rejected. Seed with the default keys first (`seed.py --limited-user NAME
    /// --enforce-iam` does both), and turn it off again before seeding once more.
    public func enforceIAM(_ enabled: Bool = true) throws {
        // moto counts calls before it starts checking: 0 checks the next one, "inf" never checks.
        try control("reset-auth", body: enabled ? "0" : "inf")
    }

    /// POSTs to one of moto's `/moto-api/` control endpoints.
    private func control(_ endpoint: String, body: String) throws {
        var request = URLRequest(url: url.appendingPathComponent("moto-api/\(endpoint)"))
        request.httpMethod = "POST"
        request.setValue("text/plain", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let done = DispatchSemaphore(value: 0)
        let outcome = ResetOutcome()
        URLSession.shared.dataTask(with: request) { _, response, error in
            outcome.error = error
            outcome.status = (response as? HTTPURLResponse)?.statusCode
            done.signal()
        }.resume()
        done.wait()
        if let error = outcome.error { throw error }
        guard outcome.status == 200 else {
            throw RigError("POST moto-api/\(endpoint) to the emulator at \(url) returned HTTP \(outcome.status.map(String.init) ?? "nothing")")
        }
    }
}

/// The result of a control request, written once by URLSession's callback before the semaphore signals.
private final class ResetOutcome: @unchecked Sendable {
    var error: Error?
    var status: Int?
}
