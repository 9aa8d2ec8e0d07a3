import BerthHCL
import BerthTestSupport
import Foundation
import Testing

/// Writes many typed values into one tfvars file and checks that Terraform reads each one as typed.
@Suite struct EncoderCrossCheckTests {
    static let cases: [(type: TypeConstraint, typeSource: String, input: String, expected: HCLValue)] = [
        (.string, "string", #"team "core" \ build ${env} %{x}"#, .string(#"team "core" \ build ${env} %{x}"#)),
        (.string, "string", "$${already} %%{escaped} $$ %% $ %", .string("$${already} %%{escaped} $$ %% $ %")),
        (.string, "string", "tab\tcr\rbell\u{07}del\u{7F}nul-free", .string("tab\tcr\rbell\u{07}del\u{7F}nul-free")),
        (.string, "string", "line one\n  line \"two\" ${x}\n\nEOT\n", .string("line one\n  line \"two\" ${x}\n\nEOT\n")),
        (.string, "string", "no final newline\nsecond", .string("no final newline\nsecond")),
        (.string, "string", "é 🚀 中文 e\u{301} \u{2028}", .string("é 🚀 中文 e\u{301} \u{2028}")),
        (.string, "string", "\\u0041 \\n literal", .string("\\u0041 \\n literal")),
        (.string, "string", "   padded   ", .string("   padded   ")),
        (.any, "any", "42", .string("42")),
        (.number, "number", "03", .number("3")),
        (.number, "number", "-0.50", .number("-0.5")),
        (.number, "number", "1e3", .number("1000")),
        (.number, "number", "12345678901234567890", .number("12345678901234567890")),
        (.number, "number", "123456789012345678901234567890123456789012345678901234567890", .number("123456789012345678901234567890123456789012345678901234567890")),
        (.number, "number", "-1.25e-5", .number("-0.0000125")),
        (.string, "string", "1e3", .string("1e3")),
        (.bool, "bool", "Yes", .bool(true)),
        (.bool, "bool", "off", .bool(false)),
        (.list(.string), "list(string)", "subnet-aaa, subnet-bbb", .tuple([.string("subnet-aaa"), .string("subnet-bbb")])),
        (.list(.string), "list(string)", #"["a\"b", "${x}"]"#, .tuple([.string("a\"b"), .string("${x}")])),
        (.list(.number), "list(number)", "[1, 02, 3.5]", .tuple([.number("1"), .number("2"), .number("3.5")])),
        (.map(.string), "map(string)", "Team=core, kubernetes.io/role=web", .object([
            HCLObjectMember(key: "Team", value: .string("core")),
            HCLObjectMember(key: "kubernetes.io/role", value: .string("web")),
        ])),
        (.map(.string), "map(string)", #"{"null": "n", "for": "f", "a b": "c=d"}"#, .object([
            HCLObjectMember(key: "null", value: .string("n")),
            HCLObjectMember(key: "for", value: .string("f")),
            HCLObjectMember(key: "a b", value: .string("c=d")),
        ])),
    ]

    @Test(arguments: ["\n", "\r\n"])
    func typedValuesReadByTerraform(lineEnding: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-encoder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let probe = TerraformProbe(folder: folder)
        defer { probe.remove() }

        var declarations = ""
        let document = try TfvarsDocument(text: "# typed values" + lineEnding, fileName: "terraform.tfvars")
        for (index, testCase) in Self.cases.enumerated() {
            declarations += "variable \"v\(index)\" {\n  type = \(testCase.typeSource)\n}\n"
            let encoded = try ValueEncoder.encode(testCase.input, as: testCase.type).get()
            document.set("v\(index)", encoded: encoded, comment: "case \(index)")
        }
        try declarations.write(to: folder.appendingPathComponent("variables.tf"), atomically: true, encoding: .utf8)
        try TfvarsFile.write(document, to: folder.appendingPathComponent("terraform.tfvars"))

        let written = try String(contentsOf: folder.appendingPathComponent("terraform.tfvars"), encoding: .utf8)
        #expect(written.contains("<<EOT") == (lineEnding == "\n"))
        let variables = try VariableCatalog.load(folder: folder)
        let result = try probe.run(variables: variables)
        #expect(result.status == 0, "\(result.errorText)\n\(document.render())")
        for (index, testCase) in Self.cases.enumerated() {
            let terraform = result.values["v\(index)"] ?? .null
            #expect(terraform.isSemanticallyEqual(to: testCase.expected), "case \(index): typed \(testCase.input), Terraform has \(terraform)")
            #expect(document.value(of: "v\(index)")?.isSemanticallyEqual(to: testCase.expected) == true)
        }
    }
}
