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
