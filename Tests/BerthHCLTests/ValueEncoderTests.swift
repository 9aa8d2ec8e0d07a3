import BerthHCL
import Foundation
import Testing

@Suite struct ValueEncoderTests {
    private func encoded(_ input: String, _ type: TypeConstraint) throws -> String {
        try ValueEncoder.encode(input, as: type).get()
    }

    private func failure(_ input: String, _ type: TypeConstraint) -> ValueEncodingError? {
        guard case .failure(let error) = ValueEncoder.encode(input, as: type) else { return nil }
        return error
    }

    @Test func freeTextEscapedAndRoundTrips() throws {
        let typed = #"team "core" \ build ${env} %{x}"#
        let written = try encoded(typed, .string)
        #expect(written == #""team \"core\" \\ build $${env} %%{x}""#)
        #expect(try HCLValue.parse(hcl: written) == .string(typed))
    }

    @Test(arguments: ["", "$${already}", "%%{x} $ % $$ %%", "tab\tcr\rbell\u{07}del\u{7F}", "é 🚀 中", "a\nb", "line\n  two ${x}\n", "EOT\nEOT\n", "\n", "\\u0041"])
    func stringRoundTrip(typed: String) throws {
        let written = try encoded(typed, .string)
        #expect(try HCLValue.parse(hcl: written) == .string(typed), "\(written)")
    }

    @Test func multiLineTextAsHeredoc() throws {
        #expect(try encoded("one\ntwo ${x}\n", .string) == "<<EOT\none\ntwo $${x}\nEOT")
        #expect(try encoded("EOT\n", .string) == "<<EOT2\nEOT\nEOT2")
    }

    @Test func numbersNormalized() throws {
        #expect(try encoded("03", .number) == "3")
        #expect(try encoded(" 1.50 ", .number) == "1.5")
        #expect(try encoded("1e3", .number) == "1000")
        #expect(try encoded("-0", .number) == "0")
        #expect(try encoded("123456789012345678901234567890123456789012345", .number) == "123456789012345678901234567890123456789012345")
        #expect(try encoded("-1.25e-5", .number) == "-0.0000125")
        #expect(failure("1e99999999999", .number)?.message.contains("exponent") == true)
        #expect(failure("3 cpus", .number)?.kind == .notANumber)
        #expect(failure("3 cpus", .number)?.message.contains("\"3 cpus\" is not a number") == true)
    }

    @Test func boolsFromWords() throws {
        for word in ["yes", "Y", "true", "on", "1"] { #expect(try encoded(word, .bool) == "true") }
        for word in ["no", "N", "false", "off", "0"] { #expect(try encoded(word, .bool) == "false") }
        #expect(failure("maybe", .bool)?.kind == .notABool)
    }

    @Test func listsFromCommasOrSyntax() throws {
        #expect(try encoded("subnet-aaa, subnet-bbb", .list(.string)) == #"["subnet-aaa", "subnet-bbb"]"#)
        #expect(try encoded(#"["a", "b"]"#, .list(.string)) == #"["a", "b"]"#)
        #expect(try encoded("[a, b]", .list(.string)) == #"["a", "b"]"#)
        #expect(try encoded(#"["${x}"]"#, .list(.string)) == #"["$${x}"]"#)
        #expect(try encoded("1, 02", .set(.number)) == "[1, 2]")
        #expect(try encoded("", .list(.string)) == "[]")
        #expect(failure("1, two", .list(.number))?.kind == .notANumber)
    }

    @Test func mapsQuoteNonIdentifierKeys() throws {
        #expect(try encoded("Team=core, kubernetes.io/role=web", .map(.string)) == #"{ Team = "core", "kubernetes.io/role" = "web" }"#)
        #expect(try encoded(#"{"a": "x", "null": "y"}"#, .map(.string)) == #"{ a = "x", "null" = "y" }"#)
        #expect(try encoded("", .map(.string)) == "{}")
        #expect(failure("Team", .map(.string))?.kind == .invalidMap)
        #expect(failure("a=1, a=2", .map(.string))?.message.contains("appears twice") == true)
    }

    @Test func objectsCheckAttributes() throws {
        let type = TypeConstraint.object([.init(name: "name", type: .string), .init(name: "port", type: .number, isOptional: true)])
        #expect(try encoded("name=api, port=080", type) == #"{ name = "api", port = 80 }"#)
        #expect(failure("port=80", type)?.message.contains("missing the attribute \"name\"") == true)
        #expect(failure("name=a, size=1", type)?.kind == .invalidObject)
    }

    @Test func anyWrittenAsQuotedString() throws {
        #expect(try encoded("3", .any) == "\"3\"")
    }

    @Test(arguments: [
        "ghp_" + String(repeating: "x", count: 36),
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnop",
        "gho_abcdefghijklmnopqrstuvwxyz0123456789",
        "ghs_abcdefghij1234567890", "ghu_abcdefghij1234567890", "ghr_abcdefghij1234567890",
        String(repeating: "a1b2c3d4e5", count: 4),
        "AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ])
    func tokensRejected(token: String) {
        for type in [TypeConstraint.string, .list(.string), .any] {
            let error = failure(token, type)
            #expect(error?.kind == .looksLikeSecret)
            #expect(error?.message.contains("enter the value this variable expects") == true)
            #expect(error?.message.contains("only the secret's name goes into github_token_secret_name") == true)
            #expect(error?.message.contains("enter its name") == false)
            #expect(error?.message.contains(token) == false)
        }
    }

    @Test func secretNameAccepted() throws {
        #expect(try encoded("ecs-github-token", .string) == "\"ecs-github-token\"")
        #expect(try encoded("team/ghp-notes", .string) == "\"team/ghp-notes\"")
    }

    @Test func redactMasksTokensInText() {
        let token = "ghp_" + String(repeating: "A", count: 36)
        let line = "Error: bad credentials for \(token) with key AKIAIOSFODNN7EXAMPLE"
        let redacted = SecretMask.redact(line)
        #expect(redacted == "Error: bad credentials for ghp_**** with key AKIA****")
        #expect(SecretMask.redact("plain text, commit abc123") == "plain text, commit abc123")
    }
}

@Suite struct ValueEncoderCollectionTests {
    @Test func multiLineItemsStayQuoted() throws {
        let list = try ValueEncoder.encode(#"["one\ntwo\n", "${x}"]"#, as: .list(.string)).get()
        #expect(try HCLValue.parse(hcl: list) == .tuple([.string("one\ntwo\n"), .string("${x}")]))
        let map = try ValueEncoder.encode(#"{"note": "a\nb\n", "n": 1}"#, as: .map(.string)).get()
        #expect(try HCLValue.parse(hcl: map) == .object([
            HCLObjectMember(key: "note", value: .string("a\nb\n")),
            HCLObjectMember(key: "n", value: .string("1")),
        ]))
    }

    @Test func structuredObjectChecked() throws {
        let type = TypeConstraint.object([.init(name: "name", type: .string), .init(name: "ports", type: .list(.number))])
        #expect(try ValueEncoder.encode(#"{"name": "api", "ports": ["80", 443]}"#, as: type).get() == #"{ name = "api", ports = [80, 443] }"#)
        guard case .failure(let error) = ValueEncoder.encode(#"{"name": "api", "extra": 1}"#, as: type) else {
            Issue.record("an unknown attribute was accepted")
            return
        }
        #expect(error.kind == .invalidObject)
    }
}

@Suite struct SecretMaskTests {
    @Test func longBase64TextMaskedQuickly() {
        let blob = String(repeating: "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0123+/", count: 5_000)
        let start = Date()
        let redacted = SecretMask.redact("user_data = \(blob)")
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(redacted.hasPrefix("user_data = "))
    }

    @Test func secretKeyInsideLineMasked() {
        let line = "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY # from the console"
        #expect(SecretMask.redact(line) == "aws_secret_access_key = wJal**** # from the console")
    }
}
