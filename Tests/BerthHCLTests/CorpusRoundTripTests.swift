import BerthHCL
import Foundation
import Testing

@Suite struct CorpusRoundTripTests {
    @Test func corpusHasFortyFiles() {
        let count = Corpus.folders.flatMap(Corpus.files(in:)).count + Corpus.files(in: Corpus.folder("invalid")).count
        #expect(count >= 40)
    }

    @Test(arguments: Corpus.folders.flatMap(Corpus.files(in:)).filter { $0.pathExtension == "tfvars" })
    func tfvarsRendersSameBytes(file: URL) throws {
        let data = try Data(contentsOf: file)
        let document = try TfvarsDocument(data: data, fileName: file.lastPathComponent)
        #expect(Data(document.render().utf8) == data)
    }

    @Test(arguments: Corpus.folders)
    func variablesParse(folder: URL) throws {
        let variables = try VariableCatalog.load(folder: folder)
        #expect(!variables.isEmpty)
    }

    @Test(arguments: Corpus.files(in: Corpus.folder("invalid")))
    func invalidFileRejected(file: URL) throws {
        let data = try Data(contentsOf: file)
        let error = #expect(throws: HCLParseError.self) {
            if file.pathExtension == "tf" {
                _ = try VariableCatalog.parse(Array(data), file: file.lastPathComponent)
            } else {
                _ = try TfvarsDocument(data: data, fileName: file.lastPathComponent)
            }
        }
        #expect(error?.file == file.lastPathComponent)
        if file.lastPathComponent.hasPrefix("utf16") {
            #expect(error?.message.contains("Re-save it as UTF-8") == true)
        }
    }
}

@Suite struct InvalidFileMessageTests {
    static let cases: [(file: String, line: Int, column: Int, phrase: String)] = [
        ("bad-escape.tfvars", 1, 11, "Invalid escape sequence"),
        ("block-in-tfvars.tfvars", 1, 1, "Unexpected \"variable\" block"),
        ("missing-newline.tfvars", 1, 9, "Missing newline after argument"),
        ("unclosed-list.tfvars", 2, 1, "found \"other\""),
        ("unterminated-comment.tfvars", 2, 1, "Unterminated comment"),
        ("unterminated-heredoc.tfvars", 1, 9, "no line with only EOT"),
        ("unterminated-interpolation.tfvars", 1, 6, "Write $${ for a literal ${"),
        ("unterminated-string.tfvars", 1, 14, "Unterminated template string"),
        ("utf16le-no-bom.tfvars", 1, 1, "contains NUL bytes"),
    ]

    @Test(arguments: cases.indices)
    func messageNamesPosition(index: Int) throws {
        let expected = Self.cases[index]
        let error = #expect(throws: HCLParseError.self) {
            _ = try TfvarsDocument(data: Corpus.data("invalid", expected.file), fileName: expected.file)
        }
        #expect(error?.line == expected.line)
        #expect(error?.column == expected.column)
        #expect(error?.message.contains(expected.phrase) == true, "\(String(describing: error))")
    }
}
