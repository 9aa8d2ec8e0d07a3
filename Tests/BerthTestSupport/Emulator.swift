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

    /// Starts the emulator and waits until it answers.
    public init() throws {
        try Rig.require()
        let process = Process()
        let input = Pipe()
        let output = Pipe()
        process.executableURL = Rig.python
        process.arguments = [Rig.script("emulator.py").path, "--max-seconds", "1800"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()

        let handle = output.fileHandleForReading
        var buffer = Data()
        while !buffer.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty {
                throw RigError("the emulator exited before it was ready")
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

    /// Environment that points AWS clients (Berth, the AWS CLI, Terraform) at this emulator.
    public var environment: [String: String] {
        [
            "AWS_ENDPOINT_URL": url.absoluteString,
            "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "AWS_REGION": "us-west-2",
        ]
    }

    /// Runs `scripts/rig/seed.py` against this emulator with the given arguments.
    public func seed(_ arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = Rig.python
        process.arguments = [Rig.script("seed.py").path, url.absoluteString] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw RigError("seed.py \(arguments.joined(separator: " ")) failed: \(String(decoding: message, as: UTF8.self))")
        }
    }

    /// Clears every resource in the emulator.
    public func reset() throws {
        var request = URLRequest(url: url.appendingPathComponent("moto-api/reset"))
        request.httpMethod = "POST"
        let done = DispatchSemaphore(value: 0)
        var failure: Error?
        URLSession.shared.dataTask(with: request) { _, _, error in
            failure = error
            done.signal()
        }.resume()
        done.wait()
        if let failure { throw failure }
    }
}
