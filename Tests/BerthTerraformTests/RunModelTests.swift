import BerthTerraform
import Foundation
import Testing

@Suite struct RunModelTests {
    @Test func partialApplyLinksDiagnostic() throws {
        let model = try Fixture.model("c23-partial-apply.jsonl")
        model.finish(exitCode: 1)

        let snapshot = model.snapshot()
        let rule = "module.codepipeline.aws_codestarnotifications_notification_rule.this"
        let service = "module.ecs_service_definition.aws_ecs_service.this[0]"

        #expect(snapshot.resources.map(\.address) == [rule, service])
        #expect(snapshot.resources[0].state == .errored)
        #expect(snapshot.resources[0].elapsedSeconds == 2)
        #expect(snapshot.resources[1].state == .complete)
        #expect(snapshot.resources[1].detail == "id=<ID>")
        #expect(snapshot.diagnostics.first?.address == rule)
        #expect(snapshot.result == .failed)
        #expect(snapshot.phase == .failed)
        #expect(snapshot.progress == 1)
        #expect(snapshot.notice?.contains("running apply again is safe") == true)
    }

    @Test func resultFromExitCodeNotLastLine() {
        let succeededLooking = RunModel()
        succeededLooking.apply(.changeSummary(ChangeSummary(add: 1, change: 0, remove: 0, operation: "apply", message: "Apply complete!")))
        succeededLooking.finish(exitCode: 1)

        let failedLooking = RunModel()
        failedLooking.apply(.log(LogLine(message: "Error: this is only a log line", level: "error", source: .json)))
        failedLooking.finish(exitCode: 0)

        #expect(succeededLooking.snapshot().result == .failed)
        #expect(succeededLooking.snapshot().diagnostics.first?.summary == "Terraform exited with code 1 without an error message")
        #expect(failedLooking.snapshot().result == .succeeded)
    }

    @Test func errorDiagnosticFailsZeroExit() {
        let model = RunModel()
        model.apply(.diagnostic(Diagnostic(severity: "error", summary: "bad", detail: "")))
        model.finish(exitCode: 0)

        #expect(model.snapshot().result == .failed)
    }

    @Test func driftOnlyPlanSaysNothingToApply() throws {
        let model = try Fixture.model("c27-drift-only.jsonl")
        model.finish(exitCode: 0)

        let snapshot = model.snapshot()

        #expect(snapshot.notice == "Nothing to apply (drift noted: 1 resource)")
        #expect(snapshot.drift == ["aws_service_discovery_service.this"])
        #expect(snapshot.phase == .planned)
        #expect(snapshot.resources.isEmpty)
        #expect(snapshot.progress == 0)
        #expect(!snapshot.progress.isNaN)
    }

    @Test func detailedExitCodeTwoSucceeds() {
        let model = RunModel()
        model.apply(.changeSummary(ChangeSummary(add: 1, change: 0, remove: 0, operation: "plan")))
        model.finish(exitCode: 2, detailedExitCode: true)

        #expect(model.snapshot().result == .succeeded)
        #expect(model.snapshot().phase == .planned)
    }

    @Test func elapsedFollowsInjectedClock() {
        let clock = ManualClock()
        let model = RunModel(clock: clock.read)
        let hook = ApplyHook(address: "terraform_data.slow", action: "create")

        model.apply(.plannedChange(ResourceChange(address: "terraform_data.slow", action: "create")))
        clock.advance(3)
        model.apply(.applyStart(hook))
        clock.advance(12.5)
        let running = model.snapshot()
        clock.advance(1)
        model.apply(.applyComplete(ApplyHook(address: "terraform_data.slow", action: "create", elapsedSeconds: 13)))
        clock.advance(100)
        let done = model.snapshot()

        #expect(running.resources[0].state == .inProgress)
        #expect(running.resources[0].elapsedSeconds == 12.5)
        #expect(running.elapsedSeconds == 15.5)
        #expect(done.resources[0].state == .complete)
        #expect(done.resources[0].elapsedSeconds == 13.5)
        #expect(running.phase == .applying)
    }

    @Test func stopRequestEndsInterrupted() {
        let model = RunModel()
        model.apply(.plannedChange(ResourceChange(address: "a.b", action: "create")))
        model.apply(.applyStart(ApplyHook(address: "a.b", action: "create")))
        model.noteStopRequested()
        let stopping = model.snapshot()
        model.finish(exitCode: 1)

        #expect(stopping.notice == "stopping safely: waiting for in-flight resources")
        #expect(model.snapshot().result == .interrupted)
        #expect(model.snapshot().phase == .interrupted)
    }

    @Test func provisionerOutputShownAsDetail() {
        let model = RunModel()
        model.apply(.provisionStart(ProvisionHook(address: "a.b", provisioner: "local-exec")))
        model.apply(.provisionProgress(ProvisionHook(address: "a.b", provisioner: "local-exec", output: "token ghp_abcdefghijklmnopqrstuvwxyz0123456789")))

        let snapshot = model.snapshot()

        #expect(snapshot.resources[0].detail == "token ghp_…(masked)")
        #expect(snapshot.log == ["a.b (local-exec): token ghp_…(masked)"])
        #expect(model.provisionerOutput(for: "a.b") == ["token ghp_…(masked)"])
        #expect(model.provisionerOutput(for: "other").isEmpty)
    }

    @Test func provisionerOutputKeepsLastLines() {
        let model = RunModel()
        for index in 0..<120 {
            model.apply(.provisionProgress(ProvisionHook(address: "a.b", provisioner: "local-exec", output: "line \(index)")))
        }

        let output = model.provisionerOutput(for: "a.b")

        #expect(output.count == 50)
        #expect(output.first == "line 70")
        #expect(output.last == "line 119")
    }

    @Test func completedResourceKeepsFewLines() {
        let model = RunModel()
        model.apply(.applyStart(ApplyHook(address: "a.b", action: "create")))
        for index in 0..<40 {
            model.apply(.provisionProgress(ProvisionHook(address: "a.b", provisioner: "local-exec", output: "line \(index)")))
        }
        #expect(model.provisionerOutput(for: "a.b").count == 40)

        model.apply(.applyComplete(ApplyHook(address: "a.b", action: "create", elapsedSeconds: 3)))

        #expect(model.provisionerOutput(for: "a.b") == ["line 35", "line 36", "line 37", "line 38", "line 39"])
    }

    @Test func refreshShownInLogOnly() {
        let model = RunModel()
        model.apply(.refreshStart(RefreshHook(address: "aws_ecs_cluster.main", idValue: "arn:aws:ecs:us-west-2:1:cluster/core-infra")))
        model.apply(.refreshComplete(RefreshHook(address: "aws_ecs_cluster.main")))

        let snapshot = model.snapshot()

        #expect(snapshot.log == ["aws_ecs_cluster.main: Refreshing state... [id=arn:aws:ecs:us-west-2:1:cluster/core-infra]"])
        #expect(snapshot.resources.isEmpty)
    }

    @Test func logKeepsLastLines() {
        let model = RunModel(maxLogLines: 3)
        for index in 0..<10 {
            model.apply(.log(LogLine(message: "line \(index)", source: .json)))
        }

        #expect(model.snapshot().log == ["line 7", "line 8", "line 9"])
    }

    @Test func concurrentEventsAndSnapshots() {
        let model = RunModel()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for index in 0..<200 {
                let address = "terraform_data.r\(worker)_\(index)"
                model.apply(.applyStart(ApplyHook(address: address, action: "create")))
                model.apply(.applyComplete(ApplyHook(address: address, action: "create", elapsedSeconds: 0)))
                _ = model.snapshot()
            }
        }

        #expect(model.snapshot().resources.count == 1600)
        #expect(model.snapshot().resources.allSatisfy { $0.state == .complete })
    }
}
