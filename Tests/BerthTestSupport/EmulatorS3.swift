import Foundation

/// Buckets and objects in the emulator's S3, made and read with the rig's boto3, so a test's
/// checks do not go through the code under test.
public struct EmulatorS3 {
    public let emulator: Emulator

    public init(_ emulator: Emulator) {
        self.emulator = emulator
    }

    private static let script = """
    import sys, boto3
    s3 = boto3.client("s3")
    operation, bucket = sys.argv[1], sys.argv[2]
    if operation == "create":
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": sys.argv[3]})
    elif operation == "keys":
        for item in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
            print(item["Key"])
    elif operation == "put":
        s3.put_object(Bucket=bucket, Key=sys.argv[3], Body=sys.stdin.read().encode())
    elif operation == "get":
        sys.stdout.write(s3.get_object(Bucket=bucket, Key=sys.argv[3])["Body"].read().decode())
    """

    /// Creates `bucket` in `region`.
    public func createBucket(_ bucket: String, region: String = "us-west-2") throws {
        _ = try boto3(["create", bucket, region])
    }

    /// Returns the keys of every object in `bucket`.
    public func keys(_ bucket: String) throws -> [String] {
        try boto3(["keys", bucket]).split(separator: "\n").map(String.init)
    }

    /// Stores `text` at `key`.
    public func put(_ bucket: String, key: String, text: String) throws {
        _ = try boto3(["put", bucket, key], input: text)
    }

    /// Returns the text of one object.
    public func object(_ bucket: String, key: String) throws -> String {
        try boto3(["get", bucket, key])
    }

    /// Returns the resource instances of the Terraform state stored at `key`.
    public func stateInstanceCount(_ bucket: String, key: String) throws -> Int {
        let text = try object(bucket, key: key)
        guard let state = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let resources = state["resources"] as? [[String: Any]] else {
            throw RigError("s3://\(bucket)/\(key) is not a Terraform state: \(text.prefix(200))")
        }
        return resources.reduce(0) { $0 + (($1["instances"] as? [Any])?.count ?? 0) }
    }

    private func boto3(_ arguments: [String], input: String? = nil) throws -> String {
        var environment = emulator.environment
        environment["AWS_DEFAULT_REGION"] = environment["AWS_REGION"]
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        let result = try ChildProcess.run(Rig.python.path, ["-c", Self.script] + arguments, environment: environment, inheritEnvironment: false, input: input, timeout: 60)
        guard result.succeeded else {
            throw RigError("boto3 \(arguments.joined(separator: " ")) failed: \(result)")
        }
        return result.standardOutput
    }
}
