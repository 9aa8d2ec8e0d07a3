@testable import BerthTerraform
@testable import BerthWizard
import Foundation
import Testing

/// The state storage fields' rules as each field is left, with the engine's version deciding
/// how the state is locked.
@Suite struct StateStorageDraftTests {
    func draft(bucket: String = "team-state", table: String = "") -> StateStorageDraft {
        var draft = StateStorageDraft()
        draft.prefill(existing: nil, serviceName: "orders", region: "eu-west-1")
        draft.values[StateStorageDraft.FieldID.bucket] = bucket
        draft.values[StateStorageDraft.FieldID.table] = table
        return draft
    }

    @Test func defaultsNameServiceAndDeployRegion() {
        let values = draft().values
        #expect(values[StateStorageDraft.FieldID.key] == "ecs-blueprints/orders/terraform.tfstate")
        #expect(values[StateStorageDraft.FieldID.region] == "eu-west-1")
    }

    @Test func oldEngineNeedsLockTable() {
        let old = Engine(path: "/usr/bin/terraform", name: "terraform", version: EngineVersion(major: 1, minor: 9, patch: 8))
        let current = Engine(path: "/usr/bin/terraform", name: "terraform", version: EngineVersion(major: 1, minor: 11, patch: 4))
        var withoutTable = draft()
        var withTable = draft(table: "terraform-locks")
        var onCurrent = draft()

        let withoutTableValid = withoutTable.validateAll(engine: old, endpoint: nil)
        let withTableValid = withTable.validateAll(engine: old, endpoint: nil)
        let onCurrentValid = onCurrent.validateAll(engine: current, endpoint: nil)

        #expect(!withoutTableValid)
        #expect(withTableValid)
        #expect(onCurrentValid)
        #expect(withoutTable.errors[StateStorageDraft.FieldID.table] == "S3 lock files (use_lockfile) need Terraform 1.10.0 or later; upgrade, or lock with a DynamoDB table")
        #expect(withTable.configuration(endpoint: nil).locking == .dynamoDBTable("terraform-locks"))
        #expect(onCurrent.configuration(endpoint: nil).locking == .lockfile)
    }

    @Test func earlierBackendFilePrefillsFields() {
        var draft = StateStorageDraft()
        let earlier = S3BackendConfiguration(bucket: "their-state", key: "svc/terraform.tfstate", region: "ap-south-1", locking: .dynamoDBTable("locks"))

        draft.prefill(existing: earlier, serviceName: "orders", region: "eu-west-1")

        #expect(draft.configuration(endpoint: nil) == earlier)
    }

    @Test func failedCheckMarksFieldToChange() {
        var draft = draft()
        let settings = draft.configuration(endpoint: nil)

        draft.markField(for: .denied(code: "Forbidden"), settings: settings)
        draft.markField(for: .wrongRegion(actual: "us-east-2"), settings: settings)

        #expect(draft.errors[StateStorageDraft.FieldID.bucket] == "these credentials may not use team-state; ask for access or choose another bucket")
        #expect(draft.errors[StateStorageDraft.FieldID.region] == "team-state is in us-east-2; enter us-east-2")
    }
}
