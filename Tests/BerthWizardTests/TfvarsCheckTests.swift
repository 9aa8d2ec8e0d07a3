import BerthWizard
import Foundation
import Testing

/// The tfvars check when the folder's files could not be opened.
@Suite struct TfvarsCheckTests {
    private func folder(tfvars: Data) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tfvars-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("variable \"repository_owner\" {\n  type = string\n}\n".utf8).write(to: folder.appendingPathComponent("variables.tf"))
        try tfvars.write(to: folder.appendingPathComponent("terraform.tfvars"))
        return folder
    }

    @Test func utf16TfvarsNamesEncoding() throws {
        let text = "repository_owner = \"you\"\n"
        let folder = try folder(tfvars: Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!)
        defer { try? FileManager.default.removeItem(at: folder) }
        let context = CheckContext(settings: CheckSettings(folder: folder), account: .unavailable(message: "none", fix: "none"))

        let outcome = TfvarsCheck().run(context)

        #expect(outcome.status == .fail)
        #expect(outcome.evidence.contains("terraform.tfvars"))
        #expect(outcome.evidence.contains("UTF-16"))
        #expect(outcome.fix?.contains("Re-save terraform.tfvars as UTF-8") == true)
        #expect(outcome.fix?.contains("--folder") == false)
    }

    @Test func missingFolderKeepsFolderAdvice() {
        let context = CheckContext(settings: CheckSettings(folder: URL(fileURLWithPath: "/nonexistent-berth-folder")), account: .unavailable(message: "none", fix: "none"))

        let outcome = TfvarsCheck().run(context)

        #expect(outcome.status == .fail)
        #expect(outcome.fix?.contains("--folder PATH") == true)
    }
}
