import BerthTerraform
import BerthTestSupport
import Foundation
import Testing

@Suite struct EngineTests {
    func fakeEngine(_ name: String, printing output: String, in folder: TemporaryFolder) throws -> URL {
        // Only shell built-ins, because the tests give the script a PATH without /bin.
        let quoted = output.replacingOccurrences(of: "'", with: "'\\''")
        return try folder.write("bin/\(name)", "#!/bin/sh\nprintf '%s\\n' '\(quoted)'\n", executable: true)
    }

    @Test func rigTerraformFoundOnPath() throws {
        try Rig.require()
        let bin = Rig.terraform.deletingLastPathComponent().path

        let engine = try Engine.discover(explicitPath: nil, environment: ["PATH": "/nonexistent:\(bin)", "TF_CLI_CONFIG_FILE": "/dev/null"])

        #expect(engine.name == "terraform")
        #expect(engine.path == Rig.terraform.path)
        #expect(engine.semanticVersion >= EngineVersion(major: 1, minor: 9, patch: 0))
        #expect(engine.supportsInitJSON)
        #expect(engine.displayName == "Terraform \(engine.version)")
    }

    @Test func explicitPathWins() throws {
        try Rig.require()

        let engine = try Engine.discover(explicitPath: Rig.terraform.path, environment: ["PATH": "", "TF_CLI_CONFIG_FILE": "/dev/null"])

        #expect(engine.path == Rig.terraform.path)
    }

    @Test func oldVersionRejectedWithFix() throws {
        let folder = try TemporaryFolder("engine")
        let path = try fakeEngine("terraform", printing: "Terraform v0.14.11\non linux_amd64", in: folder)

        #expect(throws: EngineError.unsupportedVersion(name: "terraform", version: "0.14.11", path: path.path)) {
            _ = try Engine.discover(explicitPath: nil, environment: ["PATH": path.deletingLastPathComponent().path])
        }
        let message = EngineError.unsupportedVersion(name: "terraform", version: "0.14.11", path: path.path).description
        #expect(message.contains("0.15.3"))
        #expect(message.contains("--engine PATH"))
    }

    @Test func tofuFoundWhenNoTerraform() throws {
        let folder = try TemporaryFolder("engine")
        let json = #"{"terraform_version": "1.8.3", "platform": "linux_amd64", "provider_selections": {}}"#
        let path = try fakeEngine("tofu", printing: json, in: folder)

        let engine = try Engine.discover(explicitPath: nil, environment: ["PATH": path.deletingLastPathComponent().path])

        #expect(engine.name == "tofu")
        #expect(engine.version == "1.8.3")
        #expect(!engine.supportsInitJSON)
        #expect(engine.displayName == "OpenTofu 1.8.3")
    }

    @Test func initJSONNeedsTerraform19() throws {
        let folder = try TemporaryFolder("engine")
        let path = try fakeEngine("terraform", printing: #"{"terraform_version": "1.8.5"}"#, in: folder)

        let engine = try Engine.discover(explicitPath: path.path, environment: [:])

        #expect(engine.version == "1.8.5")
        #expect(!engine.supportsInitJSON)
        #expect(TerraformCommands(engine: engine).initArguments() == ["init"])
    }

    @Test func nothingOnPathNamed() {
        #expect(throws: EngineError.notFound(searched: "searched PATH=/nonexistent")) {
            _ = try Engine.discover(explicitPath: nil, environment: ["PATH": "/nonexistent"])
        }
    }

    @Test func unreadableVersionNamed() throws {
        let folder = try TemporaryFolder("engine")
        let path = try fakeEngine("terraform", printing: "hello", in: folder)

        #expect(throws: EngineError.versionUnreadable(path: path.path, output: "hello")) {
            _ = try Engine.discover(explicitPath: path.path, environment: [:])
        }
    }

    @Test func launcherThatCannotRunShowsStatusAndStderr() throws {
        let folder = try TemporaryFolder("engine")
        let binary = try folder.write("opt/terraform-real", "not a program", executable: false)
        let launcher = try folder.write("bin/terraform", "#!/bin/sh\nexec '\(binary.path)' \"$@\"\n", executable: true)

        let error = try #require(throws: EngineError.self) {
            _ = try Engine.discover(explicitPath: launcher.path, environment: [:])
        }

        guard case let .failedToRun(path, exitCode, stderr) = error else {
            Issue.record("expected failedToRun, got \(error)")
            return
        }
        #expect(path == launcher.path)
        #expect(exitCode == 126)
        #expect(stderr.contains("Permission denied"))
        #expect(error.description.contains("exited with status 126"))
        #expect(error.fix.contains("permissions of \(launcher.path)"))
    }

    @Test func versionsCompareNumerically() {
        #expect(EngineVersion("1.10.0")! > EngineVersion("1.9.8")!)
        #expect(EngineVersion("v0.15.3") == EngineVersion(major: 0, minor: 15, patch: 3))
        #expect(EngineVersion("1.9.0-beta1")?.suffix == "-beta1")
        #expect(EngineVersion("1.9") == nil)
    }
}
