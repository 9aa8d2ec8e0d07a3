import BerthHCL
import Foundation
import Testing

@Suite struct EffectiveValuesTests {
    @Test func precedenceFollowsTerraform() throws {
        let folder = Corpus.folder("auto-tfvars")
        let variables = try VariableCatalog.load(folder: folder)
        let values = try EffectiveValues.resolve(folder: folder, variables: variables,
                                                 environment: ["TF_VAR_from_env": "env", "TF_VAR_env_list": "[1, 2]", "TF_VAR_from_default": "env"])
        #expect(values["from_default"]?.source == .environment("TF_VAR_from_default"))
        #expect(values["from_env"]?.value == .string("tfvars"))
        #expect(values["from_env"]?.source == .file("terraform.tfvars", line: 1))
        #expect(values["env_list"]?.value == .tuple([.number("1"), .number("2")]))
        #expect(values["from_json"]?.value == .string("json ${not a template} é /"))
        #expect(values["from_json"]?.source == .file("terraform.tfvars.json", line: 2))
        #expect(values["from_auto_a"]?.source == .file("a.auto.tfvars", line: 1))
        #expect(values["from_auto_b"]?.value == .string("b.auto.json"))
        #expect(values.history["from_auto_b"]?.count == 4)
        #expect(values.missing.isEmpty)
    }

    @Test func defaultsAndMissing() throws {
        let folder = Corpus.folder("backend-service")
        let values = try EffectiveValues.resolve(folder: folder, variables: try VariableCatalog.load(folder: folder), environment: [:])
        #expect(values.missing.map(\.name) == ["repository_owner"])
        #expect(values["repository_name"]?.source == .defaultValue(file: "variables.tf", line: 30))
        #expect(values["desired_count"]?.value == .number("3"))
    }
}
