import BerthHCL
import Foundation
import Testing

@Suite struct TfvarsFileTests {
    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-tfvars-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func writeKeepsModeAndLeavesBackup() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("terraform.tfvars")
        let original = try Corpus.data("bom-crlf", "terraform.tfvars")
        try original.write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)

        let document = try TfvarsFile.read(url)
        document.set("repository_owner", encoded: "\"octo\"", comment: nil)
        try TfvarsFile.write(document, to: url)

        let written = try Data(contentsOf: url)
        #expect(written == Data(String(decoding: original, as: UTF8.self).replacingOccurrences(of: "<GITHUB_USER>", with: "octo").utf8))
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try Data(contentsOf: folder.appendingPathComponent("terraform.tfvars.berth-backup")) == original)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func unchangedFileNotRewritten() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("terraform.tfvars")
        try Data("a = 1\n".utf8).write(to: url)
        try TfvarsFile.write(try TfvarsFile.read(url), to: url)
        #expect(!FileManager.default.fileExists(atPath: url.path + ".berth-backup"))
    }

    @Test func missingFileCreated() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("terraform.tfvars")
        let document = try TfvarsFile.read(url)
        document.set("aws_region", encoded: "\"us-west-2\"", comment: "AWS region")
        try TfvarsFile.write(document, to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "# AWS region\naws_region = \"us-west-2\"\n")
    }
}

@Suite struct TfvarsFileConversionTests {
    @Test(arguments: ["utf16le-bom.tfvars", "utf16be-bom.tfvars", "utf16le-no-bom.tfvars"])
    func utf16Converted(file: String) throws {
        let text = try #require(TfvarsFile.textFromUTF16(try Corpus.data("invalid", file)))
        let document = try TfvarsDocument(text: text, fileName: "terraform.tfvars")
        #expect(document.value(of: "repository_owner") == .string("<GITHUB_USER>"))
        #expect(document.value(of: "notes") == .string("line1\r\n"))
        #expect(!text.hasPrefix("\u{FEFF}"))
    }

    @Test func utf8NotConverted() throws {
        #expect(TfvarsFile.textFromUTF16(try Corpus.data("bom-crlf", "terraform.tfvars")) == nil)
    }
}
