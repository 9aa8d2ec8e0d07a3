import BerthTestSupport
import Foundation
import Testing

@Suite struct RigTests {
    @Test func emulatorAnswersOnLoopback() throws {
        let emulator = try Emulator()
        defer { emulator.stop() }
        #expect(emulator.url.host == "127.0.0.1")
        try emulator.reset()
    }

    @Test func terraformSkipsUpgradeCheck() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("resource \"terraform_data\" \"probe\" {}\n", to: "main.tf")
        let environment = ["HOME": folder.url.path, "TF_CLI_CONFIG_FILE": "/dev/null", "PATH": "/usr/bin:/bin"]

        let result = try ChildProcess.run(Rig.terraform.path, ["init", "-json"], environment: environment,
                                          inheritEnvironment: false, directory: folder.url, timeout: 120)
        try result.requireSuccess()

        let signature = folder.url.appendingPathComponent(".terraform.d/checkpoint_signature")
        #expect(!FileManager.default.fileExists(atPath: signature.path), "Terraform ran its upgrade check, which calls a server off this machine")
    }

    @Test func concurrentWritesAllSucceed() throws {
        let emulator = try Emulator()
        let script = """
            import concurrent.futures, json, sys, boto3
            iam = boto3.client("iam", endpoint_url=sys.argv[1], region_name="us-east-1",
                               aws_access_key_id="AKIAEMULATOREXAMPLE0", aws_secret_access_key="fake")
            trust = json.dumps({"Version": "2012-10-17", "Statement": []})
            def create(index):
                try:
                    iam.create_role(RoleName=f"concurrent-{index}", AssumeRolePolicyDocument=trust)
                    return 0
                except Exception:
                    return 1
            with concurrent.futures.ThreadPoolExecutor(16) as pool:
                print(sum(pool.map(create, range(1000))))
            """

        let result = try ChildProcess.run(Rig.python.path, ["-c", script, emulator.url.absoluteString], timeout: 120)
        try result.requireSuccess()

        #expect(result.standardOutput == "0\n", "some concurrent CreateRole calls failed: \(result)")
    }

    @Test func stopEndsEmulator() throws {
        let emulator = try Emulator()
        let identity = try emulator.call("sts", "get_caller_identity")
        #expect(identity["Account"] as? String == "123456789012")

        emulator.stop()
        #expect(throws: RigError.self) {
            try emulator.call("sts", "get_caller_identity")
        }
    }
}

@Suite struct BerthBinaryTests {
    @Test func builtBinaryPrintsUsage() throws {
        let berth = try BerthBinary.require()
        let result = try ChildProcess.run(berth.path, ["--help"], timeout: 30)

        #expect(result.exitStatus == 0, "\(result)")
        #expect(result.standardOutput.contains("Usage: berth"))
    }

    @Test func renderedScreenshotIsPNG() throws {
        try Rig.require()
        let folder = try TemporaryFolder(prefix: "render")
        let capture = try folder.write("\u{1B}[1;32mgreen\u{1B}[0m plain ⠸ ┌─┐\n", to: "screen.ansi")

        let result = try ChildProcess.run(
            Rig.python.path,
            [Rig.script("render_ansi.py").path, capture.path, folder.file("screen.png").path, "--columns", "20", "--rows", "2"],
            timeout: 60)
        try result.requireSuccess()

        let png = try Data(contentsOf: folder.file("screen.png"))
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }
}
