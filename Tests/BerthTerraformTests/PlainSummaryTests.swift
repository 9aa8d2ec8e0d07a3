import BerthTerraform
import Foundation
import Testing

@Suite struct PlainSummaryTests {
    @Test func partialApplyReport() throws {
        let snapshot = try RunReplay.model(of: Fixture.url("c23-partial-apply.jsonl")).snapshot()

        let lines = PlainSummary.lines(for: snapshot)

        #expect(snapshot.exitCode == nil)
        #expect(lines.first == "Terraform 1.11.4: failed")
        #expect(lines.contains("Resources: 2 (1 finished, 1 failed)"))
        #expect(lines.contains("  module.codepipeline.aws_codestarnotifications_notification_rule.this (create, 2s): creating CodeStar Notification Rule"))
        #expect(lines.contains("  Error: creating CodeStar Notification Rule"))
        #expect(lines.contains("    resource: module.codepipeline.aws_codestarnotifications_notification_rule.this"))
        #expect(lines.contains("Next: " + KnownFailure.codeStarNotificationRule.fix))
    }

    @Test func driftOnlyReport() throws {
        let snapshot = try RunReplay.model(of: Fixture.url("c27-drift-only.jsonl")).snapshot()

        let lines = PlainSummary.lines(for: snapshot)

        #expect(lines == [
            "Terraform 1.11.4: planned, succeeded",
            "Nothing to apply (drift noted: 1 resource)",
            "Plan: 0 to add, 0 to change, 0 to destroy",
            "Changed outside Terraform: aws_service_discovery_service.this",
        ])
    }

    @Test func stateLockReport() throws {
        let snapshot = try RunReplay.model(of: Fixture.url("c24-state-lock.jsonl")).snapshot()

        let lines = PlainSummary.lines(for: snapshot)

        #expect(lines.contains { $0.contains("lock ID 3f2b9c1e-0000-1111-2222-333344445555") })
        #expect(lines.contains { $0.hasSuffix("terraform force-unlock -force 3f2b9c1e-0000-1111-2222-333344445555") })
        #expect(!lines.contains { $0.contains("-lock=false") })
    }

    @Test func chunkSizeDoesNotChangeReplay() throws {
        let fixed = { Date(timeIntervalSince1970: 0) }
        let small = try RunReplay.model(of: Fixture.url("c21-mixed.jsonl"), chunkSize: 3, clock: fixed).snapshot()
        let large = try RunReplay.model(of: Fixture.url("c21-mixed.jsonl"), clock: fixed).snapshot()

        #expect(small == large)
        #expect(small.log.count == 5)
    }

    @Test func planReportCountsPlannedChanges() {
        let model = RunModel()
        model.apply(.plannedChange(ResourceChange(address: "a.one", action: "create")))
        model.apply(.plannedChange(ResourceChange(address: "a.two", action: "update")))
        model.apply(.changeSummary(ChangeSummary(add: 1, change: 1, remove: 0, operation: "plan")))
        model.finish(exitCode: 0)

        let lines = PlainSummary.lines(for: model.snapshot())

        #expect(lines.contains("Planned changes: 2"))
        #expect(lines.contains("Plan: 1 to add, 1 to change, 0 to destroy"))
        #expect(!lines.contains { $0.hasPrefix("Resources:") })
    }

    @Test func missingRecordNamed() {
        #expect(throws: RunReplayError.self) {
            _ = try RunReplay.model(of: URL(fileURLWithPath: "/nonexistent/run.jsonl"))
        }
    }

    @Test func diagnosticsBeyondLimitCounted() {
        let model = RunModel(maxDiagnostics: 2)
        for index in 0..<5 {
            model.apply(.diagnostic(Diagnostic(severity: "error", summary: "error \(index)", detail: "")))
        }
        model.finish(exitCode: 1)

        let lines = PlainSummary.lines(for: model.snapshot())

        #expect(model.snapshot().diagnostics.count == 2)
        #expect(lines.contains("  (3 more diagnostics not shown)"))
    }
}
