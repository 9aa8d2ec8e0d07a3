import BerthHCL
import Testing

@Suite struct HCLParserTests {
    private func value(_ text: String) throws -> HCLValue? {
        try TfvarsDocument(text: "x = \(text)\n", fileName: "t.tfvars").value(of: "x")
    }

    @Test func stringEscapes() throws {
        #expect(try value(#""a\"b\\c\n\u00e9\U0001F600 $${x} %%{y}""#) == .string("a\"b\\c\né😀 ${x} %{y}"))
    }

    @Test func interpolationKeptAsExpression() throws {
        #expect(try value(#""a-${var.x}""#) == .expression(#""a-${var.x}""#))
    }

    @Test func numbersBoolsNull() throws {
        #expect(try value("1.5e3") == .number("1.5e3"))
        #expect(try value("-2") == .number("-2"))
        #expect(try value("true") == .bool(true))
        #expect(try value("null") == .null)
    }

    @Test func collections() throws {
        let parsed = try value("{\n  a = [1, \"b\",\n  true]\n  \"c.d\": {}\n}")
        #expect(parsed == .object([
            HCLObjectMember(key: "a", value: .tuple([.number("1"), .string("b"), .bool(true)])),
            HCLObjectMember(key: "c.d", value: .object([])),
        ]))
    }

    @Test func heredocStripsIndentation() throws {
        let document = try TfvarsDocument(text: "x = <<-EOT\r\n    a\r\n      b\r\n  EOT\r\n", fileName: "t.tfvars")
        #expect(document.value(of: "x") == .string("a\r\n  b\r\n"))
    }

    @Test func otherExpressionsVerbatim() throws {
        #expect(try value("cond ? upper(\"a\") : [for s in x : s]") == .expression("cond ? upper(\"a\") : [for s in x : s]"))
    }

    @Test func errorPositionAndWording() {
        #expect {
            _ = try TfvarsDocument(text: "a = 1\nb = \"open\n", fileName: "t.tfvars")
        } throws: { error in
            let parseError = error as? HCLParseError
            return parseError?.line == 2 && parseError?.column == 5 && parseError?.message.contains("Unterminated") == true
        }
    }

    @Test func deepNestingRejected() {
        let text = "x = " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        #expect(throws: HCLParseError.self) { _ = try TfvarsDocument(text: text, fileName: "deep.tfvars") }
    }
}

@Suite struct HCLParserLimitTests {
    @Test func nestingBelowLimitAccepted() throws {
        let text = "x = " + String(repeating: "[", count: 90) + String(repeating: "]", count: 90) + "\n"
        #expect(try TfvarsDocument(text: text, fileName: "t.tfvars").render() == text)
    }

    @Test func longOperatorChainRejected() {
        let text = "x = 1" + String(repeating: " + 1", count: 20_000) + "\n"
        let error = #expect(throws: HCLParseError.self) { _ = try TfvarsDocument(text: text, fileName: "t.tfvars") }
        #expect(error?.message.contains("Nesting too deep") == true)
    }

    @Test func unaryChainRejected() {
        let text = "x = " + String(repeating: "!", count: 20_000) + "true\n"
        #expect(throws: HCLParseError.self) { _ = try TfvarsDocument(text: text, fileName: "t.tfvars") }
    }

    @Test func nestedTemplatesRejected() {
        let text = "x = " + String(repeating: "\"${", count: 5_000) + "1" + String(repeating: "}\"", count: 5_000) + "\n"
        #expect(throws: HCLParseError.self) { _ = try TfvarsDocument(text: text, fileName: "t.tfvars") }
    }

    @Test(arguments: ["x", "x =", "x = [", "x = {", "x = \"", "x = <<EOT", "x = <<EOT\n", "x = 1 ?", "x = f(", "x = a.", "x = [for", "x = \"${", "x = \"%{", "x = \"\\u12", "{", "}", "= 1", "x = 1e", "x = .5", "\u{FEFF}", "/*", "x = 1 /*"])
    func truncatedInputFailsCleanly(text: String) {
        do {
            let document = try TfvarsDocument(text: text, fileName: "t.tfvars")
            #expect(document.render() == text)
        } catch let error as HCLParseError {
            #expect(error.line >= 1)
            #expect(!error.message.isEmpty)
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }
}
