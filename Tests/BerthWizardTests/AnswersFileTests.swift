import BerthTestSupport
import BerthWizard
import Foundation
import Testing

/// The answers file parser: values, types, secrets, unknown keys, and the messages' places.
@Suite struct AnswersFileTests {
    private let specs = [
        VariableSpec(name: "repository_owner", typeText: "string", defaultText: nil, description: "GitHub owner of the fork"),
        VariableSpec(name: "cpu", typeText: "number", defaultText: nil, description: "Task CPU units"),
        VariableSpec(name: "container_definition_defaults", typeText: "map(string)", defaultText: "{}", description: ""),
        VariableSpec(name: "db_password", typeText: "string", defaultText: nil, description: "", sensitive: true),
    ]

    private func parseError(_ text: String) -> AnswersError? {
        do {
            _ = try AnswersFile(text: text, path: "answers.hcl")
            return nil
        } catch {
            return error as? AnswersError
        }
    }

    @Test func valuesReadAsTyped() throws {
        let text = """
            # comment
            region = "us-west-2"
            create_secret = true
            apply = "approve"
            cpu = 256
            container_definition_defaults = { image = "x" }
            repository_owner = "octo-example" # trailing comment
            """
        let answers = try AnswersFile(text: text, path: "answers.hcl")

        #expect(answers.text("region") == "us-west-2")
        #expect(answers.bool("create_secret") == true)
        #expect(answers.text("apply") == "approve")
        #expect(answers.text("cpu") == "256")
        #expect(answers.text("container_definition_defaults") == "{ image = \"x\" }")
        #expect(answers.entry("repository_owner")?.line == 7)
        #expect(answers.location(of: "cpu") == "answers.hcl line 5")
        #expect(answers.location(of: "profile") == "answers.hcl")
        #expect(answers.text("profile") == nil)
        try answers.checkKeys(declared: specs)
    }

    @Test func wrongTypesNameKeyAndLine() {
        let bool = parseError("region = \"us-west-2\"\ncreate_codestar_role = \"yes\"\n")
        #expect(bool?.line == 2)
        #expect(bool?.key == "create_codestar_role")
        #expect(bool?.description.contains("takes true or false") == true)
        #expect(bool?.description.contains("create_codestar_role = true") == true)

        let choice = parseError("apply = true\n")
        #expect(choice?.key == "apply")
        #expect(choice?.description == "answers.hcl line 1, key apply: is true, but it takes one of \"approve\", \"plan\". Write, for example, apply = \"approve\".")

        let text = parseError("core_stack_name = 3\n")
        #expect(text?.description.contains("takes a quoted string") == true)
    }

    @Test func tokenShapedValueRefused() {
        let token = "ghp_" + String(repeating: "a1B2", count: 9)
        let error = parseError("region = \"us-west-2\"\n\nrepository_owner = \"\(token)\"\n")

        #expect(error?.line == 3)
        #expect(error?.key == "repository_owner")
        #expect(error?.description.contains("looks like a GitHub token") == true)
        #expect(error?.description.contains(token) == false)
    }

    @Test func shortTokenPrefixRefused() {
        let error = parseError("service_name = \"ghp_x1\"\n")

        #expect(error?.key == "service_name")
        #expect(error?.description.contains("looks like a GitHub token") == true)
    }

    @Test func awsKeyShapedValueRefused() {
        let error = parseError("service_name = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"\n")

        #expect(error?.key == "service_name")
        #expect(error?.description.contains("an AWS secret access key") == true)
    }

    @Test(arguments: ["github_token", "aws_secret_access_key", "token"])
    func secretKeyNameRefused(name: String) {
        let error = parseError("\(name) = \"x\"\n")

        #expect(error?.key == name)
        #expect(error?.description.contains("names a secret") == true)
        #expect(error?.description.contains("--token-stdin") == true)
    }

    @Test func syntaxErrorEndsItsSentenceBeforeTheFix() throws {
        let error = try #require(parseError("region =\n"))

        #expect(error.problem.hasSuffix("."), "\(error.problem)")
        #expect(error.description.contains(". Write one key"), "\(error.description)")
    }

    @Test func unknownKeyNamedWithLine() throws {
        let answers = try AnswersFile(text: "apply = \"plan\"\nrepo_owner = \"octo\"\n", path: "ci/answers.hcl")

        #expect(throws: AnswersError.self) { try answers.checkKeys(declared: specs) }
        do {
            try answers.checkKeys(declared: specs)
        } catch let error as AnswersError {
            #expect(error.line == 2)
            #expect(error.key == "repo_owner")
            #expect(error.description.hasPrefix("ci/answers.hcl line 2, key repo_owner: is not an answer Berth knows"))
            #expect(error.description.contains("Check the spelling, or delete the line."))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func requiredVariablesListed() throws {
        let answers = try AnswersFile(text: "apply = \"plan\"\n", path: "answers.hcl")

        #expect(throws: Never.self) { try answers.checkRequired(declared: specs, provided: ["repository_owner", "cpu", "db_password"]) }
        do {
            try answers.checkRequired(declared: specs, provided: ["db_password"])
            Issue.record("missing variables were accepted")
        } catch let error as AnswersError {
            #expect(error.key == "repository_owner")
            #expect(error.description.contains("The same holds for cpu."))
            #expect(error.description.contains("Add a line repository_owner = <value> for each of them to the file."))
        }
    }

    @Test func sensitiveVariableRefused() throws {
        let answers = try AnswersFile(text: "db_password = \"hunter2\"\n", path: "answers.hcl")

        do {
            try answers.checkKeys(declared: specs)
            Issue.record("a sensitive variable was accepted")
        } catch let error as AnswersError {
            #expect(error.key == "db_password")
            #expect(error.description.contains("declared sensitive"))
        }
    }

    @Test func duplicateAndSyntaxErrorsNamed() {
        let duplicate = parseError("apply = \"plan\"\nregion = \"us-east-1\"\napply = \"approve\"\n")
        #expect(duplicate?.line == 3)
        #expect(duplicate?.description.contains("is set again (first on line 1)") == true)

        let block = parseError("region = \"us-west-2\"\nfields {\n  cpu = 256\n}\n")
        #expect(block?.line == 2)
        #expect(block?.key == nil)

        let broken = parseError("region = \n")
        #expect(broken?.line == 1)
    }

    @Test func expressionsAndNullRefused() {
        #expect(parseError("service_name = var.name\n")?.description.contains("answers are literal values") == true)
        #expect(parseError("service_name = null\n")?.description.contains("is null") == true)
    }

    @Test func everyOwnKeyHasItsExample() throws {
        for key in AnswerKey.all {
            let answers = try AnswersFile(text: key.example + "\n", path: "example")
            #expect(answers.entry(key.name) != nil, "\(key.example) does not set \(key.name)")
        }
        #expect(AnswerKey.approving("apply")?.name == "apply")
        #expect(AnswerKey.approving("create-role")?.name == "create_codestar_role")
        #expect(AnswerKey.approving("next") == nil)
    }

    @Test func sandboxExampleIsValid() throws {
        let folder = Rig.packageRoot.appendingPathComponent("sandbox")
        let answers = try AnswersFile.load(path: folder.appendingPathComponent("answers.example").path)

        let declared = try HCLBlueprintFiles(folder: folder.appendingPathComponent("backend-service")).variables()
        try answers.checkKeys(declared: declared)
        try answers.checkRequired(declared: declared, provided: ["aws_region"])
        #expect(answers.text("apply") == AnswerKey.approve)
        #expect(answers.bool("create_secret") == true)
    }

    @Test func readmeExampleIsValid() throws {
        let readme = try String(contentsOf: Rig.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "### Unattended runs"), "README.md has no section on unattended runs")
        let rest = readme[section.upperBound...]
        let start = try #require(rest.range(of: "```hcl\n"), "the section has no hcl example")
        let end = try #require(rest[start.upperBound...].range(of: "```"))
        let example = String(rest[start.upperBound..<end.lowerBound])

        let answers = try AnswersFile(text: example, path: "README.md")

        let declared = try HCLBlueprintFiles(folder: Rig.packageRoot.appendingPathComponent("sandbox/backend-service")).variables()
        try answers.checkKeys(declared: declared)
        try answers.checkRequired(declared: declared, provided: ["aws_region"])
        #expect(answers.text("apply") == AnswerKey.approve)
    }

    @Test func missingFileNamed() {
        #expect(throws: AnswersError.self) { try AnswersFile.load(path: "/nonexistent/answers.hcl") }
    }
}
