import BerthWizard
import Foundation
import Testing

/// The comparison of the last apply's values with terraform.tfvars.
@Suite struct RedeployChangesTests {
    @Test func changesListExactlyTheDifferingFields() {
        let applied = ["desired_count": "1", "service_name": "ecsdemo-backend", "cpu": "256", "removed": "x"]
        let current = ["desired_count": "2", "service_name": "orders", "cpu": "256", "added": "y"]

        let changes = FieldChange.changes(applied: applied, current: current)

        #expect(changes.map(\.name) == ["added", "desired_count", "removed", "service_name"])
        #expect(changes.first { $0.name == "desired_count" }?.text == "1 → 2")
        #expect(changes.first { $0.name == "added" }?.text == "(not set) → y")
        #expect(changes.first { $0.name == "removed" }?.text == "x → (not set)")
    }

    @Test func changesSkipIgnoredFields() {
        let changes = FieldChange.changes(applied: ["password": "a"], current: ["password": "b"], ignoring: ["password"])

        #expect(changes.isEmpty)
    }

    @Test func baselineWithoutSessionTreatsValuesAsCurrent() {
        let baseline = RedeployBaseline(session: nil, current: ["desired_count": "2"], sensitive: [])

        #expect(baseline.kind == .noEarlierRun)
        #expect(baseline.changes.isEmpty)
        #expect(baseline.blocks() == [.paragraph("No earlier Berth run is known for this folder, so every value in terraform.tfvars is treated as current.", .dim)])
    }

    @Test func baselineOfSessionWithoutApplyHasNoEarlierRun() {
        var session = Session(step: "fields", now: Date(timeIntervalSince1970: 0))
        session.answers = ["desired_count": "1"]

        let baseline = RedeployBaseline(session: session, current: ["desired_count": "2"], sensitive: [])

        #expect(baseline.kind == .noEarlierRun)
    }

    @Test func baselineListsChangesWithTheApplyDate() {
        var session = Session(step: "done", now: Date(timeIntervalSince1970: 0))
        session.applied = ["desired_count": "1"]
        session.appliedAt = Date(timeIntervalSince1970: 1_800_000_000)

        let blocks = RedeployBaseline(session: session, current: ["desired_count": "2"], sensitive: []).blocks()

        #expect(blocks == [
            .paragraph("Changed in terraform.tfvars since the last apply (2027-01-15 08:00 UTC):", .emphasis),
            .table([KeyValueRow("desired_count", "1 → 2")]),
        ])
    }

    @Test func disagreementNamesTheValueAndWhatAWSHolds() {
        let results = [
            "core.cluster": CheckResult.fail("No ECS cluster named gone.", fix: "Deploy core-infra."),
            "core.namespace": CheckResult.pass("found"),
            "secret.github-token": CheckResult.fail("Secret missing-token not found.", fix: nil),
        ]

        let rows = TfvarsDisagreement.rows(results: results, values: ["core_stack_name": "gone", "github_token_secret_name": "missing-token"])

        #expect(rows == [
            KeyValueRow("core_stack_name = \"gone\"", "No ECS cluster named gone."),
            KeyValueRow("github_token_secret_name = \"missing-token\"", "Secret missing-token not found."),
        ])
    }

    @Test func sessionKeepsAppliedValuesButNoToken() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-session-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = SessionStore(folder: folder)
        var session = Session(step: "done", now: Date(timeIntervalSince1970: 0))
        session.applied = ["desired_count": "2", "pasted": "ghp_" + String(repeating: "a", count: 36)]

        try store.save(session)
        let loaded = try #require(store.load())

        #expect(loaded.applied == ["desired_count": "2"])
    }
}
