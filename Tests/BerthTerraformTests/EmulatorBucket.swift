import BerthTestSupport
import Foundation

/// An S3 bucket in the moto emulator, created and read with the rig's boto3, so the checks
/// of the tests do not go through the code under test.
struct EmulatorBucket {
    let emulator: Emulator
    let name: String

    /// Returns the environment for boto3 and Terraform: the emulator's endpoint and dummy keys, no
    /// shared AWS files, and the instance metadata service switched off.
    static func environment(_ emulator: Emulator) -> [String: String] {
        emulator.environment.merging([
            "AWS_EC2_METADATA_DISABLED": "true",
            // The rig's botocore raises NoRegionError when only AWS_REGION names the region.
            "AWS_DEFAULT_REGION": emulator.environment["AWS_REGION"] ?? "us-west-2",
            "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        ]) { _, new in new }
    }

    private static let script = """
    import sys, boto3
    s3 = boto3.client("s3")
    operation, bucket = sys.argv[1], sys.argv[2]
    if operation == "create":
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    elif operation == "keys":
        for item in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
            print(item["Key"])
    elif operation == "get":
        sys.stdout.write(s3.get_object(Bucket=bucket, Key=sys.argv[3])["Body"].read().decode())
    elif operation == "create-table":
        boto3.client("dynamodb").create_table(
            TableName=sys.argv[3],
            KeySchema=[{"AttributeName": "LockID", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "LockID", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
    elif operation == "table-keys":
        for item in boto3.client("dynamodb").scan(TableName=sys.argv[3])["Items"]:
            print(item["LockID"]["S"])
    """

    /// Creates the bucket.
    init(_ name: String, in emulator: Emulator) throws {
        self.emulator = emulator
        self.name = name
        _ = try boto3(["create", name])
    }

    /// Returns the keys of every object in the bucket.
    func keys() throws -> [String] {
        try boto3(["keys", name]).split(separator: "\n").map(String.init)
    }

    /// Returns the text of one object.
    func object(_ key: String) throws -> String {
        try boto3(["get", name, key])
    }

    /// Creates a DynamoDB lock table whose partition key is `LockID`, as Terraform expects.
    func createLockTable(_ table: String) throws {
        _ = try boto3(["create-table", name, table])
    }

    /// Returns the `LockID` of every item in a DynamoDB table.
    func lockTableKeys(_ table: String) throws -> [String] {
        try boto3(["table-keys", name, table]).split(separator: "\n").map(String.init).sorted()
    }

    private func boto3(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = Rig.python
        process.arguments = ["-c", Self.script] + arguments
        process.environment = Self.environment(emulator)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RigError("boto3 \(arguments.joined(separator: " ")) failed: \(String(decoding: message, as: UTF8.self))")
        }
        return String(decoding: text, as: UTF8.self)
    }
}
