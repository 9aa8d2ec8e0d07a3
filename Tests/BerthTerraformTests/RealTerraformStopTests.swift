import BerthTerraform
import BerthTestSupport
import Foundation
import Testing

/// Interrupts, locks and init failures with the rig's real Terraform.
@Suite struct RealTerraformStopTests {
    static let slowConfiguration = """
    resource "terraform_data" "fast" {}
    resource "terraform_data" "slow" {
      provisioner "local-exec" {
        command = "echo started; sleep 4; echo finished"
      }
    }
    """

    @Test func interruptStopsSafelyThenApplyCompletes() throws {
        let project = try TerraformProject("interrupt", mainTF: Self.slowConfiguration)
        _ = try project.initialize()
        _ = try project.plan()
        let runner = TerraformRunner(engine: project.engine)
        var interruptSent = false

        let stopped = try project.apply(runner: runner) { event in
            if case let .provisionProgress(hook) = event, hook.output == "started" {
                interruptSent = runner.interrupt()
            }
        }
        let stateAfterStop = try project.stateList()
        _ = try project.plan()
        let resumed = try project.apply()

        #expect(interruptSent)
        #expect(stopped.code == 1)
        #expect(stopped.snapshot.result == .interrupted)
        #expect(stopped.snapshot.phase == .interrupted)
        #expect(stopped.snapshot.log.contains("Interrupt received."))
        #expect(stopped.snapshot.notice?.hasPrefix("Stopped safely:") == true)
        #expect(!stopped.snapshot.log.contains { $0.contains("Two interrupts received") })
        #expect(!stopped.snapshot.diagnostics.contains { $0.detail.contains("KeyboardInterrupt") })
        #expect(stateAfterStop.contains("terraform_data.fast"))
        #expect(resumed.code == 0)
        #expect(resumed.snapshot.result == .succeeded)
        let slow = resumed.snapshot.resources.first { $0.address == "terraform_data.slow" }
        #expect(slow?.state == .complete)
        let stoppedScreen = RunScreen.text(stopped.snapshot)
        #expect(stoppedScreen.contains("Interrupted · "), "\(stoppedScreen)")
        #expect(stoppedScreen.contains("Stopped safely:"), "\(stoppedScreen)")
        #expect(stoppedScreen.contains("Interrupt received."), "\(stoppedScreen)")
        let resumedScreen = RunScreen.text(resumed.snapshot)
        #expect(resumedScreen.contains("Applied · "), "\(resumedScreen)")
        #expect(resumedScreen.contains("✔ replace terraform_data.slow"), "\(resumedScreen)")
    }

    @Test func heldLockNamedInDiagnostic() throws {
        let project = try TerraformProject("lock", mainTF: Self.slowConfiguration)
        _ = try project.initialize()
        let holder = TerraformRunner(engine: project.engine)
        let holding = DispatchSemaphore(value: 0)
        let holderDone = DispatchSemaphore(value: 0)
        let holderCode = ExitCodeBox()

        Thread.detachNewThread {
            holderCode.value = (try? holder.run(["apply", "-json", "-auto-approve"], in: project.url, environment: project.environment) { event in
                if case let .provisionProgress(hook) = event, hook.output == "started" {
                    holding.signal()
                }
            }) ?? -2
            holderDone.signal()
        }
        #expect(holding.wait(timeout: .now() + 60) == .success)
        let blocked = try project.run(project.commands.planArguments(planFile: project.planFile, lockTimeout: "0s"))
        holderDone.wait()

        let lockDiagnostic = try #require(blocked.snapshot.diagnostics.first { $0.summary.contains("state lock") })
        let lock = try #require(StateLockInfo.parse(summary: lockDiagnostic.summary, detail: lockDiagnostic.detail))
        #expect(blocked.code == 1)
        #expect(blocked.snapshot.result == .failed)
        #expect(lock.id.count >= 8)
        #expect(lock.operation == "OperationTypeApply")
        #expect(lock.who?.isEmpty == false)
        #expect(lock.version == project.engine.version)
        #expect(lock.forceUnlockArguments == ["force-unlock", "-force", lock.id])
        #expect(holderCode.value == 0)
        let screen = RunScreen.text(blocked.snapshot)
        #expect(screen.contains("Error: Error acquiring the state lock"), "\(screen)")
        #expect(screen.contains(lock.id), "\(screen)")
        #expect(screen.contains("OperationTypeApply"), "\(screen)")
    }

    @Test func providerDownloadFailureRecognised() throws {
        let project = try TerraformProject("initfail", mainTF: """
        terraform {
          required_providers {
            bogus = {
              source = "example.invalid/berth/bogus"
            }
          }
        }
        """)
        let cliConfig = try project.folder.write("cli.tfrc", """
        provider_installation {
          filesystem_mirror {
            path = "/nonexistent/berth-mirror"
          }
        }
        """)
        project.environment["TF_CLI_CONFIG_FILE"] = cliConfig.path

        let initRun = try project.initialize()
        let errors = initRun.snapshot.diagnostics.filter { $0.severity == "error" }.map { Diagnostic(severity: $0.severity, summary: $0.summary, detail: $0.detail) }

        #expect(initRun.code == 1)
        #expect(initRun.snapshot.result == .failed)
        #expect(KnownFailure.recognize(errors) == .providerInstallation(provider: "example.invalid/berth/bogus"))
        let screen = RunScreen.text(initRun.snapshot)
        #expect(screen.contains("Failed · "), "\(screen)")
        #expect(screen.contains("example.invalid/berth/bogus"), "\(screen)")
    }
}

/// The exit code of a run on another thread, read after that thread signalled.
final class ExitCodeBox: @unchecked Sendable {
    var value: Int32 = -1
}
