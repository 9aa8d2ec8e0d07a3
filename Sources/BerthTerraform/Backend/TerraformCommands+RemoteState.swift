import Foundation

extension TerraformCommands {
    /// Returns the resource addresses of the state stored at the bucket and key of
    /// `configuration`; empty when no state object exists there yet.
    ///
    /// It runs `init` and `state list` in a temporary folder that contains only the backend
    /// file, so the blueprint folder and its `.terraform` folder stay untouched. `TF_DATA_DIR`
    /// is removed from the environment for the same reason.
    public func remoteStateAddresses(of configuration: S3BackendConfiguration, environment: [String: String]) throws -> [String] {
        try configuration.validate(engine: engine)

        let probe = FileManager.default.temporaryDirectory
            .appendingPathComponent("berth-state-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: probe) }
        try BackendFileWriter.replaceAtomically(probe.appendingPathComponent(BackendFileWriter.fileName), with: Data(configuration.backendFileContents().utf8))

        var probeEnvironment = environment
        probeEnvironment["TF_DATA_DIR"] = nil
        let initRun = try TerraformRunner(engine: engine).capture(initArguments(), in: probe, environment: probeEnvironment)
        guard initRun.exitCode == 0 else {
            throw RemoteStateCheckFailure(location: configuration.stateLocation, exitCode: initRun.exitCode, message: initRun.errorSummary)
        }
        do {
            return try stateAddresses(in: probe, environment: probeEnvironment)
        } catch let failure as StateListFailure {
            throw RemoteStateCheckFailure(location: configuration.stateLocation, exitCode: failure.exitCode, message: failure.message)
        }
    }
}

extension S3BackendConfiguration {
    /// The state object's location as `s3://BUCKET/KEY`, for messages.
    public var stateLocation: String {
        "s3://\(bucket)/\(key)"
    }
}

/// A failed attempt to read the state stored in the S3 backend.
public struct RemoteStateCheckFailure: Error, Equatable, CustomStringConvertible {
    /// The state object, as `s3://BUCKET/KEY`.
    public var location: String
    public var exitCode: Int32
    public var message: String

    public var description: String {
        "could not read the remote state at \(location) (terraform exited with code \(exitCode)): \(message). Check that the bucket exists in the given region and that the AWS profile may read it"
    }
}
