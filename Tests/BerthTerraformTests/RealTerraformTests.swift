import BerthTerraform
import BerthTestSupport
import Foundation
import Testing

/// Runs the rig's real Terraform on small offline configurations of `terraform_data`
/// resources with `local-exec` provisioners.
@Suite struct RealTerraformTests {
    @Test func successfulPipeline() throws {
        let project = try TerraformProject("success", mainTF: """
        resource "terraform_data" "first" {
          input = "one"
          provisioner "local-exec" {
            command = "echo hello from first"
          }
        }
        resource "terraform_data" "second" {
          input = terraform_data.first.output
        }
        output "second" {
          value = terraform_data.second.output
        }
        """)

        let initRun = try project.initialize()
        let planRun = try project.plan()
        let review = try project.review()
        let applyRun = try project.apply()

        #expect(initRun.code == 0)
        #expect(initRun.snapshot.phase == .initializing)
        #expect(initRun.snapshot.result == .succeeded)
        #expect(planRun.snapshot.phase == .planned)
        #expect(planRun.snapshot.summary == ChangeCounts(add: 2, change: 0, remove: 0, operation: "plan"))
        #expect(review.creates.map(\.address) == ["terraform_data.first", "terraform_data.second"])
        #expect(review.outputChanges == ["second"])
        #expect(!review.noChanges)
        #expect(applyRun.code == 0)
        #expect(applyRun.snapshot.result == .succeeded)
        #expect(applyRun.snapshot.phase == .applied)
        #expect(applyRun.snapshot.resources.map(\.state) == [.complete, .complete])
        #expect(applyRun.snapshot.resources.allSatisfy { $0.detail.hasPrefix("id=") })
        #expect(applyRun.snapshot.summary == ChangeCounts(add: 2, change: 0, remove: 0, operation: "apply"))
        #expect(applyRun.snapshot.outputs == [OutputValue(name: "second", value: "\"one\"", sensitive: false)])
        #expect(applyRun.snapshot.log.contains("terraform_data.first (local-exec): hello from first"))
        #expect(applyRun.snapshot.engine == project.engine.displayName)
        let screen = RunScreen.text(applyRun.snapshot)
        #expect(screen.contains("Applied · \(project.engine.displayName)"), "\(screen)")
        #expect(screen.contains("done 2  failed 0"), "\(screen)")
        #expect(screen.contains("Done (2)"), "\(screen)")
        #expect(screen.contains("✔ create  terraform_data.first"), "\(screen)")
        #expect(screen.contains("Apply: 2 to add, 0 to change, 0 to destroy"), "\(screen)")
        #expect(screen.contains("terraform_data.first (local-exec): hello from first"), "\(screen)")
    }

    @Test func oneErrorOthersComplete() throws {
        let project = try TerraformProject("partial", mainTF: """
        resource "terraform_data" "ok" {
          count = 2
        }
        resource "terraform_data" "bad" {
          provisioner "local-exec" {
            command = "echo failing; exit 3"
          }
        }
        """)

        _ = try project.initialize()
        _ = try project.plan()
        let applyRun = try project.apply()
        let states = Dictionary(uniqueKeysWithValues: applyRun.snapshot.resources.map { ($0.address, $0.state) })
        let diagnostic = try #require(applyRun.snapshot.diagnostics.first)

        #expect(applyRun.code == 1)
        #expect(applyRun.snapshot.result == .failed)
        #expect(states == ["terraform_data.ok[0]": .complete, "terraform_data.ok[1]": .complete, "terraform_data.bad": .errored])
        #expect(diagnostic.address == "terraform_data.bad")
        #expect(diagnostic.summary == "local-exec provisioner error")
        #expect(diagnostic.location == "main.tf:5")
        #expect(diagnostic.snippet.count == 3)
        #expect(applyRun.snapshot.summary?.operation == "plan" || applyRun.snapshot.summary == nil)
        #expect(applyRun.snapshot.notice?.hasPrefix("Partly applied: 2 of 3 resources finished") == true)
        #expect(try project.stateList().contains("terraform_data.ok[0]"))
        let screen = RunScreen.text(applyRun.snapshot)
        #expect(screen.contains("Failed · "), "\(screen)")
        #expect(screen.contains("done 2  failed 1"), "\(screen)")
        #expect(screen.contains("Partly applied: 2 of 3 resources finished"), "\(screen)")
        #expect(screen.contains("Failed (1)"), "\(screen)")
        #expect(screen.contains("✘ create  terraform_data.bad"), "\(screen)")
        #expect(screen.contains("Error: local-exec provisioner error"), "\(screen)")
        #expect(screen.contains("at terraform_data.bad"), "\(screen)")
        #expect(screen.contains("in main.tf:5"), "\(screen)")
    }

    @Test func secondPlanHasNoChanges() throws {
        let project = try TerraformProject("nochange", mainTF: """
        resource "terraform_data" "one" {
          input = "fixed"
        }
        output "one" {
          value = terraform_data.one.output
        }
        output "hidden" {
          value     = "not shown"
          sensitive = true
        }
        """)

        _ = try project.initialize()
        _ = try project.plan()
        _ = try project.apply()
        let again = try project.plan(detailedExitCode: true)
        let review = try project.review()

        #expect(again.code == 0)
        #expect(again.snapshot.result == .succeeded)
        #expect(again.snapshot.summary == ChangeCounts(add: 0, change: 0, remove: 0, operation: "plan"))
        #expect(again.snapshot.notice == "Nothing to apply: the infrastructure matches the configuration.")
        #expect(again.snapshot.progress == 0)
        #expect(review.noChanges)
        #expect(again.snapshot.outputs.map(\.value) == ["(sensitive)", "(unchanged)"])
        #expect(review.knownOutputs == [
            OutputValue(name: "hidden", value: "(sensitive)", sensitive: true),
            OutputValue(name: "one", value: "\"fixed\"", sensitive: false),
        ])
        let screen = RunScreen.text(again.snapshot)
        #expect(screen.contains("Nothing to apply: the infrastructure matches the configuration."), "\(screen)")
        #expect(screen.contains("no resource changes"), "\(screen)")
        #expect(screen.contains("No resources to show yet."), "\(screen)")
    }

    @Test func stateEditedBehindTerraformsBack() throws {
        let project = try TerraformProject("drift", mainTF: """
        variable "release" {
          type = string
        }
        resource "terraform_data" "release" {
          input = var.release
        }
        resource "terraform_data" "marker" {
          triggers_replace = file("${path.module}/marker.txt")
        }
        """)
        try project.folder.write("marker.txt", "first")
        try project.folder.write("terraform.tfvars", "release = \"v1\"\n")

        _ = try project.initialize()
        _ = try project.plan()
        _ = try project.apply()
        let stateFile = project.url.appendingPathComponent("terraform.tfstate")
        let state = try String(contentsOf: stateFile, encoding: .utf8)
        try state.replacingOccurrences(of: "\"value\": \"v1\"", with: "\"value\": \"v0-edited\"").write(to: stateFile, atomically: true, encoding: .utf8)
        try project.folder.write("marker.txt", "second")
        let planRun = try project.plan(detailedExitCode: true)
        let review = try project.review()

        #expect(state.contains("\"value\": \"v1\""))
        #expect(planRun.code == 2)
        #expect(planRun.snapshot.result == .succeeded)
        #expect(planRun.snapshot.resources.map(\.action).sorted() == ["replace", "update"])
        #expect(review.updates.map(\.address) == ["terraform_data.release"])
        #expect(review.replacements.map(\.address) == ["terraform_data.marker"])
        #expect(planRun.snapshot.drift.isEmpty)
    }

    /// An update planned only because an input was unknown at plan time is skipped when the
    /// apply finds the value unchanged. The summary must not call it "not started".
    @Test func updateSkippedAtApplyIsUnchanged() throws {
        let project = try TerraformProject("skipped", mainTF: """
        variable "desired" {
          type = number
        }
        resource "terraform_data" "service" {
          input = { name = "svc", desired = var.desired }
        }
        resource "terraform_data" "pipeline" {
          input = terraform_data.service.output.name
        }
        """)
        try project.folder.write("terraform.tfvars", "desired = 1\n")
        _ = try project.initialize()
        _ = try project.plan()
        _ = try project.apply()
        try project.folder.write("terraform.tfvars", "desired = 2\n")

        let planRun = try project.plan()
        let applyRun = try project.apply()
        let states = Dictionary(uniqueKeysWithValues: applyRun.snapshot.resources.map { ($0.address, $0.state) })

        #expect(planRun.snapshot.resources.map(\.action) == ["update", "update"])
        #expect(applyRun.code == 0)
        #expect(states == ["terraform_data.service": .complete, "terraform_data.pipeline": .planned])
        #expect(PlainSummary.lines(for: applyRun.snapshot).contains("Resources: 2 (1 finished, 1 unchanged after all)"))
    }

    /// A file the rig's provider manages, edited behind Terraform's back, is real drift: the
    /// refresh reads the new content and the plan puts the configured content back.
    @Test func fileEditedOutsideTerraformIsDrift() throws {
        let project = try TerraformProject("drift-file", mainTF: Self.fileConfiguration, rigProviders: true)
        try project.folder.write("terraform.tfvars", "content = \"v1\"\n")
        let managed = project.url.appendingPathComponent("managed.txt")

        _ = try project.initialize()
        _ = try project.plan()
        let applied = try project.apply()
        try "edited by hand".write(to: managed, atomically: true, encoding: .utf8)
        let planRun = try project.plan(detailedExitCode: true)
        let review = try project.review()
        let screen = RunScreen.text(planRun.snapshot)

        #expect(applied.code == 0)
        #expect(planRun.code == 2)
        #expect(planRun.snapshot.drift == ["files_file.managed"])
        #expect(planRun.snapshot.resources.map(\.action) == ["update"])
        #expect(review.drift.map(\.address) == ["files_file.managed"])
        #expect(review.updates.map(\.address) == ["files_file.managed"])
        #expect(screen.contains("Changed outside Terraform: files_file.managed"), "\(screen)")
        #expect(screen.contains("Plan: 0 to add, 1 to change, 0 to destroy"), "\(screen)")
    }

    /// Drift that the configuration then adopts leaves nothing to apply, and says so.
    @Test func driftOnlyPlanNotesDrift() throws {
        let project = try TerraformProject("drift-only", mainTF: Self.fileConfiguration, rigProviders: true)
        try project.folder.write("terraform.tfvars", "content = \"v1\"\n")

        _ = try project.initialize()
        _ = try project.plan()
        _ = try project.apply()
        try "v2".write(to: project.url.appendingPathComponent("managed.txt"), atomically: true, encoding: .utf8)
        try project.folder.write("terraform.tfvars", "content = \"v2\"\n")
        let planRun = try project.plan(detailedExitCode: true)
        let review = try project.review()
        let screen = RunScreen.text(planRun.snapshot)

        #expect(planRun.code == 0)
        #expect(planRun.snapshot.drift == ["files_file.managed"])
        #expect(planRun.snapshot.notice == "Nothing to apply (drift noted: 1 resource)")
        #expect(review.noChanges)
        #expect(review.drift.map(\.address) == ["files_file.managed"])
        #expect(screen.contains("Nothing to apply (drift noted: 1 resource)"), "\(screen)")
        #expect(screen.contains("Changed outside Terraform: files_file.managed"), "\(screen)")
    }

    static let fileConfiguration = """
    terraform {
      required_providers {
        files = {
          source = "berth.local/rig/files"
        }
      }
    }
    variable "content" {
      type = string
    }
    resource "files_file" "managed" {
      path    = "${path.module}/managed.txt"
      content = var.content
    }
    """

    @Test func missingVariableFailsFast() throws {
        let project = try TerraformProject("novar", mainTF: """
        variable "repository_owner" {
          type = string
        }
        resource "terraform_data" "one" {
          input = var.repository_owner
        }
        """)

        _ = try project.initialize()
        let started = Date()
        let planRun = try project.plan()
        let diagnostics = planRun.snapshot.diagnostics.map { Diagnostic(severity: $0.severity, summary: $0.summary, detail: $0.detail) }

        #expect(planRun.code == 1)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(planRun.snapshot.result == .failed)
        #expect(KnownFailure.recognize(diagnostics) == .missingVariable(name: "repository_owner"))
    }

    @Test func recordReplaysLikeLiveRun() throws {
        let project = try TerraformProject("record", mainTF: """
        resource "terraform_data" "ok" {}
        resource "terraform_data" "bad" {
          provisioner "local-exec" {
            command = "exit 4"
          }
        }
        """)
        _ = try project.initialize()
        _ = try project.plan()
        let record = TerraformCommands.recordURL(folder: project.url, phase: "apply", at: Date(timeIntervalSince1970: 1_767_261_600))
        let live = RunModel()

        let code = try TerraformRunner(engine: project.engine).run(project.commands.applyArguments(planFile: project.planFile), in: project.url, environment: project.environment, record: record, model: live)
        let replayed = try RunReplay.model(of: record).snapshot()
        let liveSnapshot = live.snapshot()

        #expect(record.path.hasSuffix(".berth/runs/20260101T100000Z-apply.jsonl"))
        #expect(code == 1)
        #expect(replayed.result == .failed)
        #expect(replayed.resources.map(\.address) == liveSnapshot.resources.map(\.address))
        #expect(replayed.resources.map(\.state) == liveSnapshot.resources.map(\.state))
        #expect(replayed.diagnostics == liveSnapshot.diagnostics)
        #expect(PlainSummary.lines(for: replayed).contains("  Error: local-exec provisioner error"))
    }

    @Test func badFlagErrorFromStderr() throws {
        let project = try TerraformProject("badflag", mainTF: "")

        let planRun = try project.run(["plan", "-json", "-no-such-flag"])
        let diagnostic = try #require(planRun.snapshot.diagnostics.first)

        #expect(planRun.code == 1)
        #expect(planRun.snapshot.result == .failed)
        #expect(diagnostic.summary == "Failed to parse command-line flags")
        #expect(diagnostic.detail.contains("-no-such-flag"))
        #expect(!diagnostic.detail.contains("\u{1B}"))
        #expect(!diagnostic.detail.contains("│"))
    }

    @Test func applyWithoutApprovalFailsFast() throws {
        let project = try TerraformProject("noprompt", mainTF: """
        resource "terraform_data" "one" {}
        """)
        _ = try project.initialize()
        let started = Date()

        let applyRun = try project.run(["apply"])

        #expect(applyRun.code == 1)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(applyRun.snapshot.result == .failed)
        #expect(try project.stateList().isEmpty)
    }
}
