import BerthWizard
import Foundation
import Testing

/// The tfvars check: files that could not be opened, and the problems and fixes it names.
@Suite struct TfvarsCheckTests {
    private func folder(tfvars: Data) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tfvars-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let variables = "variable \"repository_owner\" {\n  type = string\n}\nvariable \"container_name\" {\n  type = string\n  default = \"app\"\n}\n"
        try Data(variables.utf8).write(to: folder.appendingPathComponent("variables.tf"))
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

    private func check(_ tfvars: String) throws -> CheckResult {
        let folder = try folder(tfvars: Data(tfvars.utf8))
        defer { try? FileManager.default.removeItem(at: folder) }
        let context = CheckContext(settings: CheckSettings(folder: folder), account: .unavailable(message: "none", fix: "none"),
                                   files: HCLBlueprintFiles(folder: folder))
        return TfvarsCheck().run(context)
    }

    @Test func invisibleCharactersInNamesFailWithCodePoint() throws {
        let outcome = try check("repository_owner = \"octo\u{200B}-example\u{202E}\"\ncontainer_name = \"x\u{202E}y\"\n")

        #expect(outcome.status == .fail)
        #expect(outcome.evidence.contains("container_name contains U+202E RIGHT-TO-LEFT OVERRIDE at character 2"), "\(outcome.evidence)")
        #expect(outcome.evidence.contains("repository_owner contains U+200B ZERO WIDTH SPACE at character 5"), "\(outcome.evidence)")
        #expect(outcome.fix?.contains("invisible characters") == true)
        #expect(outcome.fix?.contains("required variable") == false, "\(outcome.fix ?? "")")
    }

    @Test func undeclaredKeyFixNamesOnlyTheKey() throws {
        let outcome = try check("repository_owner = \"octo-example\"\nnotes = \"x\"\n")

        #expect(outcome.status == .warn)
        #expect(outcome.fix == "Remove notes, which the blueprint does not declare, or fix the spelling.")
    }

    @Test func upstreamOwnerFixNamesOnlyTheOwner() throws {
        let outcome = try check("repository_owner = \"aws-ia\"\n")

        #expect(outcome.status == .warn)
        #expect(outcome.fix == "Set repository_owner to the owner of your fork.")
    }
}
