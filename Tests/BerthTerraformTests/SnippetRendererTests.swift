import BerthTerraform
import Testing

@Suite struct SnippetRendererTests {
    func diagnostic(code: String, start: Int, end: Int, context: String? = nil) -> Diagnostic {
        Diagnostic(
            severity: "error",
            summary: "s",
            detail: "",
            range: SourceRange(filename: "main.tf", line: 8, column: 1),
            snippet: Snippet(context: context, code: code, startLine: 8, highlightStart: start, highlightEnd: end)
        )
    }

    @Test func highlightMarkedUnderCode() {
        let lines = SnippetRenderer.lines(for: diagnostic(code: "  provisioner \"local-exec\" {", start: 27, end: 28, context: "resource \"terraform_data\" \"bad\""))

        #expect(lines == [
            "on main.tf line 8, in resource \"terraform_data\" \"bad\":",
            "  8:   provisioner \"local-exec\" {",
            "                                ^",
        ])
    }

    @Test func offsetsOutOfRangeClamped() {
        let lines = SnippetRenderer.lines(for: diagnostic(code: "abc", start: -5, end: 999))

        #expect(lines == ["on main.tf line 8:", "  8: abc", "     ^^^"])
    }

    @Test func multiByteCharactersNotSplit() {
        // "é" is 2 bytes and "日" 3; offset 3 falls inside "日", which is then highlighted whole.
        let lines = SnippetRenderer.lines(for: diagnostic(code: "é日x", start: 3, end: 4))

        #expect(lines[2] == "     " + " " + "^")
    }

    @Test func reversedOffsetsGiveOneCaret() {
        let lines = SnippetRenderer.lines(for: diagnostic(code: "name = 1", start: 5, end: 2))

        #expect(lines[2] == "     " + "     ^")
    }

    @Test func multiLineCodeMarksEachLine() {
        let lines = SnippetRenderer.lines(for: diagnostic(code: "a = [\n  1,\n]", start: 4, end: 10))

        #expect(lines == [
            "on main.tf line 8:",
            "   8: a = [",
            "          ^",
            "   9:   1,",
            "      ^^^^",
            "  10: ]",
        ])
    }

    @Test func noSnippetNoLines() {
        #expect(SnippetRenderer.lines(for: Diagnostic(severity: "error", summary: "s", detail: "")).isEmpty)
    }
}
