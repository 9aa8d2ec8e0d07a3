import BerthHCL
import BerthWizard
import Foundation
import Testing

/// The answers keys of the core-infra deploy and of the state storage screen: how they parse,
/// which actions they approve, and which fields they fill.
@Suite struct AnswersDeployKeysTests {
    /// Returns the error of reading `text` and checking its keys, or nil.
    private func parseError(_ text: String) -> AnswersError? {
        do {
            try AnswersFile(text: text, path: "answers.hcl").checkKeys(declared: [])
            return nil
        } catch {
            return error as? AnswersError
        }
    }

    @Test func coreInfraKeysRead() throws {
        let answers = try AnswersFile(text: "core_infra_folder = \"../core-infra\"\ndeploy_core_infra = \"approve\"\n", path: "answers.hcl")

        #expect(answers.text("core_infra_folder") == "../core-infra")
        #expect(answers.text("deploy_core_infra") == AnswerKey.approve)
        try answers.checkKeys(declared: [])
    }

    @Test func deployCoreInfraApprovesEachStep() throws {
        let key = try #require(AnswerKey.named("deploy_core_infra"))

        for action in ["core-infra.deploy", "core-infra.plan", "core-infra.apply"] {
            #expect(AnswerKey.approving(action)?.name == "deploy_core_infra", "\(action)")
            #expect(key.allows(action, value: .string(AnswerKey.approve)), "approve should allow \(action)")
        }
        #expect(key.allows("core-infra.deploy", value: .string(AnswerKey.planOnly)))
        #expect(key.allows("core-infra.plan", value: .string(AnswerKey.planOnly)))
        #expect(!key.allows("core-infra.apply", value: .string(AnswerKey.planOnly)), "\"plan\" must stop before the core-infra apply")
        #expect(!key.allows("apply", value: .string(AnswerKey.approve)), "the key approves only core-infra's actions")
        #expect(AnswerKey.approving("core-infra.retry") == nil, "a failed core-infra run must stop, not retry")
        #expect(AnswerKey.approving("core-infra.use-folder") == nil)
    }

    @Test func applyPlanValueStillStopsBeforeApply() throws {
        let apply = try #require(AnswerKey.named("apply"))

        #expect(apply.approves == ["apply"])
        #expect(apply.allows("apply", value: .string(AnswerKey.approve)))
        #expect(!apply.allows("apply", value: .string(AnswerKey.planOnly)))

        let role = try #require(AnswerKey.named("create_codestar_role"))
        #expect(role.allows("create-role", value: .bool(true)))
        #expect(!role.allows("create-role", value: .bool(false)))
    }

    @Test func deployCoreInfraTakesApproveOrPlan() {
        let error = parseError("deploy_core_infra = true\n")

        #expect(error?.key == "deploy_core_infra")
        #expect(error?.line == 1)
        #expect(error?.description == "answers.hcl line 1, key deploy_core_infra: is true, but it takes one of \"approve\", \"plan\". Write, for example, deploy_core_infra = \"approve\".")
    }

    @Test func stateKeysFillStateStorageFields() throws {
        let text = """
            state_storage       = "s3"
            state_bucket        = "team-state"
            state_key           = "ecs-blueprints/backend/terraform.tfstate"
            state_region        = "eu-west-1"
            state_lock_table    = "locks"
            write_state_backend = true
            """
        let answers = try AnswersFile(text: text, path: "answers.hcl")

        #expect(answers.text("state_storage") == AnswerKey.s3State)
        #expect(answers.text("state_bucket") == "team-state")
        #expect(answers.bool("write_state_backend") == true)
        try answers.checkKeys(declared: [])
        #expect(AnswerKey.name(forField: "state.bucket") == "state_bucket")
        #expect(AnswerKey.name(forField: "state.key") == "state_key")
        #expect(AnswerKey.name(forField: "state.region") == "state_region")
        #expect(AnswerKey.name(forField: "state.dynamodb_table") == "state_lock_table")
        #expect(AnswerKey.name(forField: "core_infra_folder") == "core_infra_folder")
        #expect(AnswerKey.name(forField: "repository_owner") == "repository_owner")
        #expect(AnswerKey.approving("state.write")?.name == "write_state_backend")
        #expect(AnswerKey.approving("state.migrate")?.name == "write_state_backend")
        #expect(AnswerKey.approving("state.migrate-replace") == nil, "an unattended run never replaces the bucket's state")
    }

    @Test func stateKeysWithoutS3Refused() {
        let absent = parseError("region = \"us-west-2\"\nstate_bucket = \"team-state\"\n")
        #expect(absent?.key == "state_bucket")
        #expect(absent?.line == 2)
        #expect(absent?.description.contains("the file does not set state_storage") == true, "\(absent?.description ?? "")")
        #expect(absent?.description.contains("Add state_storage = \"s3\"") == true)

        let local = parseError("state_storage = \"local\"\nwrite_state_backend = true\n")
        #expect(local?.key == "write_state_backend")
        #expect(local?.description.contains("state_storage is \"local\" (line 1)") == true, "\(local?.description ?? "")")
    }

    @Test func stateStorageTakesLocalOrS3() throws {
        let error = parseError("state_storage = \"remote\"\n")
        #expect(error?.description.contains("takes one of \"local\", \"s3\"") == true, "\(error?.description ?? "")")

        let local = try AnswersFile(text: "state_storage = \"local\"\n", path: "answers.hcl")
        #expect(local.text("state_storage") == AnswerKey.localState)
    }
}
