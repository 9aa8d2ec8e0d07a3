import BerthHCL
import BerthTestSupport
import Foundation
import Testing

/// Checks Berth's reading and writing of every corpus folder against the rig's real Terraform.
@Suite(.serialized) struct TerraformCrossCheckTests {
    static let environment = ["TF_VAR_from_env": "env", "TF_VAR_env_list": "[1, 2]"]
    /// Folders that Terraform must reject, with a phrase from its error.
    static let rejected = ["backend-service": "No value for required variable", "duplicate": "Attribute redefined"]

    @Test(arguments: Corpus.folders.map(\.lastPathComponent))
    func valuesMatchTerraform(folder name: String) throws {
        let probe = try TerraformProbe.copy(of: Corpus.folder(name))
        defer { probe.remove() }
        let variables = try VariableCatalog.load(folder: probe.folder)
        let result = try probe.run(variables: variables, environment: Self.environment)

        if let phrase = Self.rejected[name] {
            #expect(result.status != 0)
            #expect(result.errorText.contains(phrase), "\(result.errorText)")
            return
        }
        #expect(result.status == 0, "\(result.errorText)")
        let effective = try EffectiveValues.resolve(folder: probe.folder, variables: variables, environment: Self.environment)
        for variable in variables {
            let berth = TerraformConversion.convert(effective[variable.name]?.value ?? .null, to: variable.type)
            let terraform = result.values[variable.name] ?? .null
            #expect(TerraformConversion.matches(berth, terraform, type: variable.type),
                    "\(name)/\(variable.name): Berth read \(berth), Terraform \(terraform)")
        }
    }

    @Test(arguments: Corpus.folders.map(\.lastPathComponent).filter { $0 != "duplicate" })
    func editedFileAcceptedByTerraform(folder name: String) throws {
        let probe = try TerraformProbe.copy(of: Corpus.folder(name))
        defer { probe.remove() }
        let variables = try VariableCatalog.load(folder: probe.folder)
        let url = probe.folder.appendingPathComponent("terraform.tfvars")
        let document = try TfvarsFile.read(url)

        let edits = ScriptedEdit.plan(for: variables)
        for edit in edits {
            let encoded = try ValueEncoder.encode(edit.input, as: edit.variable.type).get()
            document.set(edit.variable.name, encoded: encoded, comment: edit.variable.description)
        }
        try TfvarsFile.write(document, to: url)

        let reread = try TfvarsFile.read(url)
        let result = try probe.run(variables: variables, environment: Self.environment)
        #expect(result.status == 0, "\(result.errorText)\n\(reread.render())")
        let effective = try EffectiveValues.resolve(folder: probe.folder, variables: variables, environment: Self.environment)
        for edit in edits {
            let terraform = result.values[edit.variable.name] ?? .null
            #expect(reread.value(of: edit.variable.name)?.isSemanticallyEqual(to: edit.expected) == true,
                    "\(name)/\(edit.variable.name): Berth reads back \(String(describing: reread.value(of: edit.variable.name)))")
            guard case .file("terraform.tfvars", _)? = effective[edit.variable.name]?.source else { continue }
            #expect(TerraformConversion.matches(edit.expected, terraform, type: edit.variable.type),
                    "\(name)/\(edit.variable.name): typed \(edit.input), Terraform has \(terraform)")
        }
    }
}

extension TerraformCrossCheckTests {
    @Test func validationOutcomesMatchTerraform() throws {
        let probe = try TerraformProbe.copy(of: Corpus.folder("validation"))
        defer { probe.remove() }
        let variables = try VariableCatalog.load(folder: probe.folder)
        let inputs = ["environment": "qa", "service_name": "ab", "aws_region": "us-west-2a", "cidr": "10.0.0.0/8"]
        let document = try TfvarsFile.read(probe.folder.appendingPathComponent("terraform.tfvars"))
        for (name, input) in inputs {
            document.set(name, encoded: try ValueEncoder.encode(input, as: .string).get(), comment: nil)
        }
        try TfvarsFile.write(document, to: probe.folder.appendingPathComponent("terraform.tfvars"))

        let result = try probe.run(variables: variables)
        #expect(result.status != 0)
        for variable in variables {
            guard let rule = variable.validations.first, let input = inputs[variable.name] else { continue }
            let outcome = rule.check(.string(input), variable: variable.name)
            let terraformRejected = result.errorText.contains(rule.errorMessage)
            switch outcome {
            case .failed(let message):
                #expect(terraformRejected, "\(variable.name): Berth rejects \(input) but Terraform does not")
                #expect(message == rule.errorMessage)
            case .passed:
                #expect(!terraformRejected, "\(variable.name): Berth accepts \(input) but Terraform does not")
            case .unknown:
                #expect(variable.name == "cidr")
                #expect(!terraformRejected)
            }
        }
    }
}

/// What a user might type for each variable type, and the value Terraform must then see.
struct ScriptedEdit {
    var variable: VariableDeclaration
    var input: String
    var expected: HCLValue

    static func plan(for variables: [VariableDeclaration]) -> [ScriptedEdit] {
        variables.enumerated().compactMap { index, variable in
            guard variable.validations.isEmpty else { return nil }
            switch variable.type {
            case .string where index % 2 == 0:
                return ScriptedEdit(variable: variable, input: #"team "core" \ build ${env} %{x}"#, expected: .string(#"team "core" \ build ${env} %{x}"#))
            case .string:
                let text = "first line\n  \"second\" ${x} %{y} \\\n"
                return ScriptedEdit(variable: variable, input: text, expected: .string(text))
            case .any:
                return ScriptedEdit(variable: variable, input: "tab\there é", expected: .string("tab\there é"))
            case .number:
                return ScriptedEdit(variable: variable, input: "07", expected: .number("7"))
            case .bool:
                return ScriptedEdit(variable: variable, input: "yes", expected: .bool(true))
            case .list(.string):
                return ScriptedEdit(variable: variable, input: " subnet-aaa, subnet-bbb ", expected: .tuple([.string("subnet-aaa"), .string("subnet-bbb")]))
            case .map(.string):
                return ScriptedEdit(variable: variable, input: "Team=core, kubernetes.io/role=web", expected: .object([
                    HCLObjectMember(key: "Team", value: .string("core")),
                    HCLObjectMember(key: "kubernetes.io/role", value: .string("web")),
                ]))
            default:
                return nil
            }
        }
    }
}
