import BerthHCL
import Foundation
import Testing

@Suite struct TfvarsDocumentTests {
    private func document(_ folder: String, _ file: String = "terraform.tfvars") throws -> TfvarsDocument {
        try TfvarsDocument(data: Corpus.data(folder, file), fileName: file)
    }

    @Test func commentedOutRequiredIsUnset() throws {
        let tfvars = try document("backend-service")
        let variables = try VariableCatalog.load(folder: Corpus.folder("backend-service"))
        #expect(tfvars.value(of: "repository_owner") == nil)
        #expect(tfvars.commentedOutKeys.map(\.name) == ["repository_owner"])
        #expect(tfvars.commentedOutKeys.map(\.line) == [5])
        let missing = variables.filter { $0.isRequired && tfvars.value(of: $0.name) == nil }.map(\.name)
        #expect(missing == ["repository_owner"])
    }

    @Test func replaceKeepsOtherBytes() throws {
        let original = String(decoding: try Corpus.data("backend-service", "terraform.tfvars"), as: UTF8.self)
        let tfvars = try document("backend-service")
        tfvars.set("desired_count", encoded: "5", comment: "ignored for existing keys")
        tfvars.set("container_port", encoded: "8080", comment: nil)
        let expected = original
            .replacingOccurrences(of: "desired_count   = 3", with: "desired_count   = 5")
            .replacingOccurrences(of: "container_port  = 3000 #", with: "container_port  = 8080 #")
        #expect(tfvars.render() == expected)
        #expect(tfvars.value(of: "container_port") == .number("8080"))
    }

    @Test func appendAlignedBlockWithComments() throws {
        let tfvars = try TfvarsDocument(text: "a = 1\n", fileName: "t.tfvars")
        tfvars.set("repository_owner", encoded: "\"me\"", comment: "The GitHub owner")
        tfvars.set("cpu", encoded: "256", comment: nil)
        tfvars.set("repository_owner", encoded: "\"you\"", comment: nil)
        #expect(tfvars.render() == "a = 1\n\n# The GitHub owner\nrepository_owner = \"you\"\ncpu              = 256\n")
        #expect(tfvars.value(of: "repository_owner") == .string("you"))
    }

    @Test func appendUsesCRLFAndKeepsBOM() throws {
        let tfvars = try document("bom-crlf")
        tfvars.set("extra", encoded: "\"x\"", comment: "two\nlines")
        let rendered = Array(tfvars.render().utf8)
        #expect(rendered.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(tfvars.render().hasSuffix("EOT\r\n\r\n# two\r\n# lines\r\nextra = \"x\"\r\n"))
        #expect(!tfvars.render().replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func appendAfterMissingFinalNewline() throws {
        let tfvars = try document("layout")
        tfvars.set("new_key", encoded: "1", comment: nil)
        #expect(tfvars.render().hasSuffix("no_newline = 5\n\nnew_key = 1\n"))
    }

    @Test func appendToEmptyFile() throws {
        let tfvars = try TfvarsDocument(text: "", fileName: "t.tfvars")
        tfvars.set("a", encoded: "1", comment: nil)
        #expect(tfvars.render() == "a = 1\n")
    }

    @Test func heredocInCRLFFileBecomesQuoted() throws {
        let tfvars = try document("crlf-heredoc")
        tfvars.set("script", encoded: try ValueEncoder.encode("one\ntwo\n", as: .string).get(), comment: nil)
        #expect(tfvars.value(of: "script") == .string("one\ntwo\n"))
        #expect(tfvars.render().hasPrefix("# written on Windows\r\nscript = \"one\\ntwo\\n\"\r\nindented = <<-EOT\r\n"))
    }

    @Test func replacingMultiLineValueShiftsLaterLines() throws {
        let tfvars = try document("collections")
        tfvars.set("multi_line", encoded: "[\"a\"]", comment: nil)
        let reparsed = try TfvarsDocument(text: tfvars.render(), fileName: "t.tfvars")
        #expect(reparsed.assignments.map(\.line) == tfvars.assignments.map(\.line))
        #expect(reparsed.value(of: "multi_line") == .tuple([.string("a")]))
    }

    @Test func duplicateKeyReportedWithBothLines() throws {
        let tfvars = try document("duplicate")
        let duplicate = try #require(tfvars.duplicateKeys.first)
        #expect(tfvars.duplicateKeys.count == 1)
        #expect(duplicate.name == "service_name")
        #expect(duplicate.firstLine == 1)
        #expect(duplicate.secondLine == 3)
    }

    @Test func unknownKeyReportedAndKept() throws {
        let tfvars = try document("unknown-key")
        let variables = try VariableCatalog.load(folder: Corpus.folder("unknown-key"))
        #expect(tfvars.unknownKeys(declared: variables).map(\.name) == ["task_memory"])
        tfvars.set("cpu", encoded: "512", comment: nil)
        #expect(tfvars.render().contains("task_memory = \"512\" # renamed to memory in newer versions\n"))
    }

    @Test func blockInTfvarsRejected() {
        #expect(throws: HCLParseError.self) {
            _ = try TfvarsDocument(data: Corpus.data("invalid", "block-in-tfvars.tfvars"), fileName: "terraform.tfvars")
        }
    }

    @Test func utf16RejectedWithFix() {
        let error = #expect(throws: HCLParseError.self) {
            _ = try TfvarsDocument(data: Corpus.data("invalid", "utf16le-bom.tfvars"), fileName: "terraform.tfvars")
        }
        #expect(error?.description.hasPrefix("terraform.tfvars:1:1: Unsupported file encoding") == true)
        #expect(error?.message.contains("Re-save it as UTF-8") == true)
    }

    @Test func invalidUTF8NamesFirstBadByte() {
        let bytes = Array("a = \"caf\u{E9}\"\nb = \"x".utf8) + [0xC3, 0x28, 0x22, 0x0A]

        let error = #expect(throws: HCLParseError.self) {
            _ = try TfvarsDocument(data: Data(bytes), fileName: "terraform.tfvars")
        }

        #expect(error?.line == 2)
        #expect(error?.column == 7)
        #expect(error?.message.contains("byte 0xC3 at offset 18") == true, "\(error?.message ?? "")")
    }
}

@Suite struct TfvarsSecretTests {
    @Test func pastedTokenReported() throws {
        let tfvars = try TfvarsDocument(data: Corpus.data("c07-token", "terraform.tfvars"), fileName: "terraform.tfvars")
        let suspect = try #require(tfvars.suspectedSecrets.first)
        #expect(tfvars.suspectedSecrets.count == 1)
        #expect(suspect.name == "github_token_secret_name")
        #expect(suspect.line == 2)
        #expect(suspect.kind == "a GitHub token")
    }

    @Test func replacingTokenClearsReport() throws {
        let tfvars = try TfvarsDocument(data: Corpus.data("c07-token", "terraform.tfvars"), fileName: "terraform.tfvars")
        tfvars.set("github_token_secret_name", encoded: try ValueEncoder.encode("ecs-github-token", as: .string).get(), comment: nil)
        #expect(tfvars.suspectedSecrets.isEmpty)
        #expect(!tfvars.render().contains("ghp_"))
    }
}

@Suite struct TfvarsConcurrencyTests {
    @Test func concurrentSetsAllLand() throws {
        let tfvars = try TfvarsDocument(text: "a = 0\n", fileName: "t.tfvars")
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            tfvars.set("v\(index % 50)", encoded: "\(index)", comment: nil)
            tfvars.set("a", encoded: "\(index)", comment: nil)
            _ = tfvars.render()
        }
        let reparsed = try TfvarsDocument(text: tfvars.render(), fileName: "t.tfvars")
        #expect(reparsed.assignments.count == 51)
        #expect(reparsed.duplicateKeys.isEmpty)
        for index in 0..<50 {
            #expect(reparsed.value(of: "v\(index)") != nil)
        }
    }
}
