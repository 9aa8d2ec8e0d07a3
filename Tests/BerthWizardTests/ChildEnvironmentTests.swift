import BerthWizard
import Foundation
import Testing

@Suite struct ChildEnvironmentTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-child-env-\(UUID().uuidString)")

    private func configuration(profile: String?, environment: [String: String], home: String) -> WizardConfiguration {
        WizardSetup(folder: folder, profile: profile, region: "us-west-2", enginePath: nil, environment: environment, homeDirectory: home)
            .makeConfiguration()
    }

    @Test func exportedKeysInUseReachTerraform() {
        let environment = [
            "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "AWS_SESSION_TOKEN": "session-token-example",
            "PATH": "/usr/bin",
        ]
        let child = configuration(profile: nil, environment: environment, home: "/nonexistent").terraformEnvironment(region: "us-west-2")

        #expect(child["AWS_ACCESS_KEY_ID"] == "AKIAIOSFODNN7EXAMPLE")
        #expect(child["AWS_SECRET_ACCESS_KEY"] == "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        #expect(child["AWS_SESSION_TOKEN"] == "session-token-example")
    }

    @Test func profileCredentialsNeverCopiedIntoChild() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("berth-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try """
        [deploy]
        aws_access_key_id = AKIAI44QH8DHBEXAMPLE
        aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
        """.write(to: home.appendingPathComponent(".aws/credentials"), atomically: true, encoding: .utf8)
        let environment = [
            "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "PATH": "/usr/bin",
        ]

        let child = configuration(profile: "deploy", environment: environment, home: home.path).terraformEnvironment(region: "us-west-2")

        #expect(child["AWS_PROFILE"] == "deploy")
        #expect(child["AWS_SECRET_ACCESS_KEY"] == nil)
        #expect(!child.values.contains("je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"))
    }
}
