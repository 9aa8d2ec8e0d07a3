import BerthTestSupport
import BerthWizard
import Foundation
import Testing

@Suite struct FieldsFormTests {
    /// Creates a folder with the reference backend-service variables.tf from templates/.
    private func referenceFolder(tfvars: String? = nil) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-fields-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Rig.packageRoot.appendingPathComponent("templates/backend-service/variables.tf"),
            to: folder.appendingPathComponent("variables.tf")
        )
        if let tfvars {
            try tfvars.write(to: folder.appendingPathComponent("terraform.tfvars"), atomically: true, encoding: .utf8)
        }
        return folder
    }

    private func form(_ files: HCLBlueprintFiles, prefill: [String: String] = [:]) throws -> FieldsForm {
        FieldsForm(specs: try files.variables(), existing: try files.currentValues(), prefill: prefill, checkedRegion: "us-west-2")
    }

    @Test func unchangedCRLFHeredocKeptByteForByte() throws {
        let original = "aws_region = \"us-west-2\"\r\nservice_name = <<EOT\r\nsvc1\r\nEOT\r\nrepository_owner = \"me\"\r\ncpu = 256\r\nmemory = 512\r\ncontainer_name = \"app\"\r\n"
        let folder = try referenceFolder(tfvars: original)
        let files = HCLBlueprintFiles(folder: folder)
        var form = try form(files)

        #expect(form.values["service_name"] == "svc1\n")
        #expect(!form.encodedValues(files: files).contains { $0.value.contains("\r") }, "the Review list shows no carriage return")
        #expect(form.encodedValues(files: files, changedOnly: true).isEmpty)

        form.set("memory", "1024")
        _ = try files.write(form.encodedValues(files: files, changedOnly: true))
        let written = try String(contentsOf: folder.appendingPathComponent("terraform.tfvars"), encoding: .utf8)
        #expect(written == original.replacingOccurrences(of: "memory = 512", with: "memory = 1024"))
    }

    @Test func exampleFillsOnlyEmptyFields() throws {
        let folder = try referenceFolder()
        try FileManager.default.copyItem(
            at: Rig.packageRoot.appendingPathComponent("templates/backend-service/terraform.tfvars.example"),
            to: folder.appendingPathComponent("terraform.tfvars.example")
        )
        let files = HCLBlueprintFiles(folder: folder)

        let form = FieldsForm(specs: try files.variables(), existing: try files.currentValues(), prefill: ["aws_region": "eu-west-1", "cpu": "1024"], checkedRegion: "eu-west-1", example: try files.exampleValues())
        let fields = Dictionary(uniqueKeysWithValues: form.formFields().map { ($0.id, $0) })

        #expect(form.values["memory"] == "512")
        #expect(form.values["container_name"] == "ecsdemo-nodejs")
        #expect(form.values["cpu"] == "1024", "an answer from the checks is kept")
        #expect(form.values["aws_region"] == "eu-west-1")
        #expect(form.values["repository_owner"] == "", "a commented-out example line fills nothing")
        #expect(form.fromExample == ["memory", "container_name"])
        #expect(fields["memory"]?.help.contains("terraform.tfvars.example") == true)
        #expect(fields["cpu"]?.help.contains("terraform.tfvars.example") == false)
    }

    @Test func referenceVariablesListedWithRequiredMarked() throws {
        let files = HCLBlueprintFiles(folder: try referenceFolder())

        let fields = try form(files).formFields()

        #expect(fields.map(\.id) == [
            "aws_region", "core_stack_name", "vpc_tag_key", "vpc_tag_value", "private_subnets_tag_value",
            "ecs_cluster_name", "ecs_task_execution_role_name", "buildspec_path", "folder_path",
            "repository_owner", "repository_name", "repository_branch", "github_token_secret_name",
            "service_name", "namespace", "desired_count", "cpu", "memory", "container_name",
            "container_definition_defaults", "container_port", "cp_strategy_base", "cp_strategy_fg_weight",
            "cp_strategy_fg_spot_weight",
        ])
        #expect(Set(fields.filter(\.required).map(\.id)) == ["aws_region", "repository_owner", "cpu", "memory", "container_name"])
        let values = Dictionary(uniqueKeysWithValues: fields.map { ($0.id, $0.value) })
        #expect(values["core_stack_name"] == "ecs-blueprint-infra")
        #expect(values["repository_name"] == "ecs-blueprints")
        #expect(values["github_token_secret_name"] == "ecs-github-token")
        #expect(values["service_name"] == "ecsdemo-backend")
        #expect(values["desired_count"] == "1")
        #expect(values["container_port"] == "3000")
        #expect(values["container_definition_defaults"] == "{}")
    }

    @Test func prefillAndExistingValuesShown() throws {
        let files = HCLBlueprintFiles(folder: try referenceFolder(tfvars: "service_name = \"ecsdemo-nodejs\"\n# repository_owner = \"\"\n"))

        let form = try form(files, prefill: ["aws_region": "us-west-2", "namespace": "myapp"])
        let values = form.values

        #expect(values["aws_region"] == "us-west-2")
        #expect(values["namespace"] == "myapp")
        #expect(values["service_name"] == "ecsdemo-nodejs")
        #expect(values["repository_owner"] == "")
    }

    @Test func invisibleCharacterInFieldRejectedWithCodePoint() throws {
        let folder = try referenceFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = HCLBlueprintFiles(folder: folder)
        var form = try form(files)

        form.set("container_name", "x\u{202E}y")
        form.set("service_name", "svc1\n")

        let containerValid = form.validate("container_name", files: files)
        let serviceValid = form.validate("service_name", files: files)

        #expect(!containerValid)
        #expect(form.errors["container_name"]?.contains("U+202E RIGHT-TO-LEFT OVERRIDE at character 2") == true)
        #expect(serviceValid, "a heredoc's line break is not invisible")
    }

    @Test func tokenInAnyFieldRejected() throws {
        let files = HCLBlueprintFiles(folder: try referenceFolder())
        var form = try form(files)

        form.set("github_token_secret_name", "ghp_" + String(repeating: "a", count: 36))
        form.validate("github_token_secret_name", files: files)

        #expect(form.errors["github_token_secret_name"]?.contains("Secrets Manager") == true)
        #expect(form.errors["github_token_secret_name"]?.contains(String(repeating: "a", count: 36)) == false)
    }

    @Test func tokenInOwnerFieldNamesOwner() throws {
        let files = HCLBlueprintFiles(folder: try referenceFolder())
        var form = try form(files)

        form.set("repository_owner", "ghp_" + String(repeating: "b", count: 36))
        form.validate("repository_owner", files: files)

        let error = try #require(form.errors["repository_owner"])
        #expect(error.contains("repository_owner expects"))
        #expect(!error.contains("enter only the secret's name"))
    }

    @Test func fargatePairValidated() throws {
        let files = HCLBlueprintFiles(folder: try referenceFolder())
        var form = try form(files)

        form.set("cpu", "256")
        form.set("memory", "4096")
        form.validate("memory", files: files)
        #expect(form.errors["memory"]?.contains("512, 1024, 2048") == true)

        form.set("cpu", "1024")
        form.set("memory", "3072")
        form.validate("memory", files: files)
        #expect(form.errors["memory"] == nil)

        form.set("cpu", "8192")
        form.set("memory", "17408")
        form.validate("memory", files: files)
        #expect(form.errors["memory"]?.contains("16384 to 61440 in steps of 4096") == true)
    }

    @Test func wrongTypeAndMissingRequiredReported() throws {
        let files = HCLBlueprintFiles(folder: try referenceFolder())
        var form = try form(files)

        form.set("desired_count", "three")
        let valid = form.validateAll(files: files)

        #expect(!valid)
        #expect(form.errors["desired_count"]?.contains("is not a number") == true)
        #expect(form.errors["repository_owner"]?.hasPrefix("Required") == true)
    }

    @Test func regionMustMatchCheckedRegion() throws {
        let files = HCLBlueprintFiles(folder: try referenceFolder())
        var form = try form(files)

        form.set("aws_region", "eu-central-1")
        form.validate("aws_region", files: files)

        #expect(form.errors["aws_region"]?.contains("The checks ran in us-west-2") == true)
    }

    @Test func writeKeepsCommentsAndBacksUp() throws {
        let original = "# keep me\nservice_name = \"ecsdemo-nodejs\" # and me\n"
        let folder = try referenceFolder(tfvars: original)
        let files = HCLBlueprintFiles(folder: folder)
        var form = try form(files)
        form.set("repository_owner", "octo-org")
        form.set("cpu", "512")
        form.set("memory", "1024")
        form.set("container_name", "ecsdemo-nodejs")
        form.set("aws_region", "us-west-2")
        let valid = form.validateAll(files: files)
        #expect(valid)

        _ = try files.write(form.encodedValues(files: files))

        let written = try String(contentsOf: folder.appendingPathComponent("terraform.tfvars"), encoding: .utf8)
        #expect(written.hasPrefix(original))
        #expect(written.contains("repository_owner"))
        #expect(written.contains("cpu"))
        #expect(written.contains("512"))
        let backup = try String(contentsOf: folder.appendingPathComponent("terraform.tfvars.berth-backup"), encoding: .utf8)
        #expect(backup == original)
    }
}
