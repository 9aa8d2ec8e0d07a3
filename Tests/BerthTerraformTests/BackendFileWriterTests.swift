import BerthTerraform
import BerthTestSupport
import Foundation
import Testing

@Suite struct BackendFileWriterTests {
    let settings = S3BackendConfiguration(bucket: "acme-terraform-state", key: "backend-service/terraform.tfstate", region: "us-west-2")

    func names(in folder: TemporaryFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
    }

    @Test func writesFileAndReportsNoEarlierOne() throws {
        let folder = try TemporaryFolder("writer")
        try folder.write("main.tf", "resource \"terraform_data\" \"one\" {}\n")

        let change = try BackendFileWriter.write(settings, to: folder.url)
        let written = try String(contentsOf: change.url, encoding: .utf8)

        #expect(change.url.lastPathComponent == "berth_backend.tf")
        #expect(change.previousContents == nil)
        #expect(written == settings.backendFileContents())
        #expect(try names(in: folder) == ["berth_backend.tf", "main.tf"])
    }

    @Test func rewritesOwnFileAndReverts() throws {
        let folder = try TemporaryFolder("rewrite")
        let first = try BackendFileWriter.write(settings, to: folder.url)
        var changed = settings
        changed.key = "other/terraform.tfstate"

        let second = try BackendFileWriter.write(changed, to: folder.url)
        let rewritten = try String(contentsOf: second.url, encoding: .utf8)
        try second.revert()
        let reverted = try String(contentsOf: second.url, encoding: .utf8)
        try first.revert()

        #expect(rewritten.contains("other/terraform.tfstate"))
        #expect(second.previousContents == Data(settings.backendFileContents().utf8))
        #expect(reverted == settings.backendFileContents())
        #expect(try names(in: folder).isEmpty)
    }

    @Test func otherBackendBlockRejectedWithLine() throws {
        let folder = try TemporaryFolder("conflict")
        try folder.write("main.tf", "resource \"terraform_data\" \"one\" {}\n")
        try folder.write("versions.tf", """
        terraform {
          required_version = ">= 1.5"

          backend "local" {
            path = "state/terraform.tfstate"
          }
        }
        """)
        let expected = BackendBlockLocation(file: "versions.tf", line: 4, kind: "local")

        #expect(throws: BackendFileError.otherBackend(expected, all: [expected])) {
            try BackendFileWriter.write(settings, to: folder.url)
        }
        #expect(try names(in: folder) == ["main.tf", "versions.tf"])
        #expect(BackendFileError.otherBackend(expected, all: [expected]).description.hasPrefix(
            "the blueprint already declares a backend \"local\" block in versions.tf line 4; Terraform allows one backend per configuration"
        ))
    }

    @Test func everyOtherBlockListed() throws {
        let folder = try TemporaryFolder("blocks")
        try folder.write("a.tf", "terraform {\n  cloud {\n    organization = \"acme\"\n  }\n}\n")
        try folder.write("b.tf.json", "{\n  \"terraform\": {\n    \"backend\": { \"s3\": { \"bucket\": \"x\" } }\n  }\n}\n")
        try folder.write("c.tf", "terraform {\n  backend s3 {\n  }\n}\n")
        try folder.write("d.tf", "resource \"terraform_data\" \"x\" {}\nterraform { backend \"remote\" {} }\n")

        let found = try BackendBlockScanner.scan(folder: folder.url)

        #expect(found == [
            BackendBlockLocation(file: "a.tf", line: 2, kind: "cloud"),
            BackendBlockLocation(file: "b.tf.json", line: 3, kind: "s3"),
            BackendBlockLocation(file: "c.tf", line: 2, kind: "s3"),
            BackendBlockLocation(file: "d.tf", line: 2, kind: "remote"),
        ])
    }

    @Test func commentsStringsAndHeredocsIgnored() throws {
        let folder = try TemporaryFolder("comments")
        try folder.write("main.tf", """
        terraform {
          # backend "s3" {
          // backend "s3" {
          /* backend "s3" {
          backend "s3" {
          */
        }
        resource "terraform_data" "doc" {
          input = <<-EOT
            backend "s3" {
            cloud {
          EOT
        }
        locals {
          text    = "backend \\"s3\\" { # not a comment"
          backend = "s3"
          other   = "x { backend \\"s3\\" {"
        }
        """)

        #expect(try BackendBlockScanner.scan(folder: folder.url).isEmpty)
        #expect(throws: Never.self) { try BackendFileWriter.write(settings, to: folder.url) }
    }

    @Test func invalidSettingsWriteNothing() throws {
        let folder = try TemporaryFolder("invalid")
        var bad = settings
        bad.bucket = "Bad_Bucket"

        #expect(throws: BackendConfigurationError.self) {
            try BackendFileWriter.write(bad, to: folder.url)
        }
        #expect(try names(in: folder).isEmpty)
    }

    @Test func writtenFilePassesTerraformFmt() throws {
        try Rig.require()
        let folder = try TemporaryFolder("fmt")
        var withEndpoint = settings
        withEndpoint.key = "a\"b/${x}.tfstate"
        withEndpoint.locking = .dynamoDBTable("locks")
        withEndpoint.endpoint = .init(url: try #require(URL(string: "http://127.0.0.1:9000")))

        for configuration in [settings, withEndpoint] {
            try BackendFileWriter.write(configuration, to: folder.url)
            let output = try TerraformRunner(executable: Rig.terraform.path).capture(
                ["fmt", "-check", "-diff", BackendFileWriter.fileName],
                in: folder.url,
                environment: ["PATH": "/usr/bin:/bin", "TF_CLI_CONFIG_FILE": "/dev/null"]
            )

            #expect(output.exitCode == 0, "\(String(decoding: output.stdout, as: UTF8.self)) \(output.errorSummary)")
        }
    }
}
