import BerthTerraform
import Foundation
import Testing

@Suite struct RunEventDecoderTests {
    let decoder = RunEventDecoder()

    @Test func mixedStreamKeepsEveryLine() throws {
        let events = try Fixture.events("c21-mixed.jsonl")

        #expect(events.count == 6)
        #expect(events[0] == .version(engine: "Terraform", version: "1.5.7", ui: "1.1"))
        #expect(events[1] == .log(LogLine(message: "Acquiring state lock. This may take a few moments...", source: .text)))
        #expect(events[2] == .log(LogLine(message: "Successfully configured the backend \"s3\"! Terraform will automatically", source: .text)))
        #expect(events[3] == .log(LogLine(message: "data.aws_ecs_cluster.core_infra: Refreshing...", source: .json)))
        #expect(events[4] == .unknown(type: "ephemeral_op_start", message: "Something new"))
        #expect(events[5] == .log(LogLine(message: "{\"@level\":\"info\",\"@message\":\"truncated json", source: .text)))
    }

    @Test func chunkBoundariesDoNotMatter() throws {
        let data = try Data(contentsOf: Fixture.url("c23-partial-apply.jsonl"))

        let whole = Fixture.decode(data, chunkSize: data.count)
        let tiny = Fixture.decode(data, chunkSize: 7)

        #expect(whole == tiny)
        #expect(whole.count == 8)
    }

    @Test func framedStderrBecomesDiagnostic() throws {
        let stderr = try String(contentsOf: Fixture.url("c21-stderr.txt"), encoding: .utf8)
        let lines = stderr.split(separator: "\n").map { TerminalText.cleanLine(String($0)) }

        #expect(lines == ["", "Error: Invalid character", "", "This character is not used within the language.", ""])
    }

    @Test func escapesStripped() {
        #expect(TerminalText.stripEscapes("\u{1B}[1m\u{1B}[31mError: \u{1B}[0mbad") == "Error: bad")
        #expect(TerminalText.stripEscapes("\u{1B}]8;;http://x\u{07}link\u{1B}]8;;\u{07}") == "link")
        #expect(TerminalText.stripEscapes("a\u{1B}") == "a")
        #expect(TerminalText.stripEscapes("tab\tkept\u{08}") == "tab\tkept")
    }

    @Test func diagnosticWithSnippetDecoded() throws {
        let line = #"{"@level":"error","@message":"Error: local-exec provisioner error","diagnostic":{"severity":"error","summary":"local-exec provisioner error","detail":"Error running command 'exit 3': exit status 3. Output: ","address":"terraform_data.bad","range":{"filename":"main.tf","start":{"line":8,"column":28,"byte":170},"end":{"line":8,"column":29,"byte":171}},"snippet":{"context":"resource \"terraform_data\" \"bad\"","code":"  provisioner \"local-exec\" {","start_line":8,"highlight_start_offset":27,"highlight_end_offset":28,"values":[]}},"type":"diagnostic"}"#

        let event = try #require(decoder.decode(line))

        guard case let .diagnostic(diagnostic) = event else {
            Issue.record("expected a diagnostic, got \(event)")
            return
        }
        #expect(diagnostic.address == "terraform_data.bad")
        #expect(diagnostic.range == SourceRange(filename: "main.tf", line: 8, column: 28))
        #expect(diagnostic.snippet?.highlightStart == 27)
        #expect(diagnostic.snippet?.context == "resource \"terraform_data\" \"bad\"")
    }

    @Test func outputsHideSensitiveValues() throws {
        let line = #"{"@level":"info","@message":"Outputs: 3","outputs":{"url":{"sensitive":false,"type":"string","value":"http://app.local/x"},"token":{"sensitive":true,"type":"string"},"ports":{"sensitive":false,"value":[80,443]},"later":{"sensitive":false,"action":"create"}},"type":"outputs"}"#

        let event = decoder.decode(line)

        #expect(event == .outputs([
            OutputValue(name: "later", value: "(known after apply)", sensitive: false),
            OutputValue(name: "ports", value: "[80,443]", sensitive: false),
            OutputValue(name: "token", value: "(sensitive)", sensitive: true),
            OutputValue(name: "url", value: "\"http://app.local/x\"", sensitive: false),
        ]))
    }

    @Test func openTofuVersionLine() {
        let line = #"{"@level":"info","@message":"OpenTofu 1.6.0","@module":"tofu.ui","tofu":"1.6.0","type":"version","ui":"1.0"}"#

        #expect(decoder.decode(line) == .version(engine: "OpenTofu", version: "1.6.0", ui: "1.0"))
    }

    @Test func longTextCappedOnCharacterBoundary() {
        let small = RunEventDecoder(maxTextBytes: 10)
        let text = String(repeating: "é", count: 20)

        let event = small.decode(text)

        #expect(event == .log(LogLine(message: String(repeating: "é", count: 5) + " … (30 more bytes)", source: .text)))
    }

    @Test func overlongLineSkippedAndNextKept() {
        var splitter = LineSplitter(maxLineBytes: 1000)
        var pieces: [LineSplitter.Piece] = []
        let long = Data(repeating: UInt8(ascii: "x"), count: 5000)

        for start in stride(from: 0, to: long.count, by: 300) {
            splitter.append(long[start..<min(start + 300, long.count)]) { pieces.append($0) }
        }
        splitter.append(Data("\nnext\r\nlast".utf8)) { pieces.append($0) }
        splitter.finish { pieces.append($0) }

        #expect(pieces == [.overlong(byteCount: 5000), .line(Data("next".utf8)), .line(Data("last".utf8))])
    }

    @Test func blankAndFrameOnlyLinesDropped() {
        #expect(decoder.decode("") == nil)
        #expect(decoder.decode("   ") == nil)
        #expect(decoder.decode("\u{1B}[31m╷\u{1B}[0m") == nil)
    }
}
