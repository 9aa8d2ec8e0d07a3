import BerthTerraform
import Foundation
import Testing

@Suite struct TerraformRunnerTests {
    let folder = FileManager.default.temporaryDirectory

    func temporaryFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("berth-runner-\(UUID().uuidString)-\(name)")
    }

    @Test func flagsAndEnvironmentPassed() throws {
        let argsFile = temporaryFile("args")
        let envFile = temporaryFile("env")
        let runner = TerraformRunner(executable: Fixture.fakeTerraform)
        let environment = [
            "PATH": "/usr/bin:/bin",
            "FAKE_ARGS_FILE": argsFile.path,
            "FAKE_ENV_FILE": envFile.path,
            "AWS_PROFILE": "Foo Bar",
            "AWS_REGION": "us-west-2",
            "TF_CLI_ARGS_plan": "-parallelism=2",
            "TF_DATA_DIR": "/tmp/data",
        ]

        let code = try runner.run(["-chdir=x", "plan", "-json"], in: folder, environment: environment) { _ in }

        let arguments = try String(contentsOf: argsFile, encoding: .utf8).split(separator: "\n")
        let childEnvironment = try String(contentsOf: envFile, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(code == 0)
        #expect(arguments == ["-chdir=x", "plan", "-input=false", "-no-color", "-json"])
        #expect(childEnvironment.contains("AWS_PROFILE=Foo Bar"))
        #expect(childEnvironment.contains("AWS_REGION=us-west-2"))
        #expect(childEnvironment.contains("TF_CLI_ARGS_plan=-parallelism=2"))
        #expect(childEnvironment.contains("TF_DATA_DIR=/tmp/data"))
        #expect(childEnvironment.contains("TF_IN_AUTOMATION=1"))
        #expect(!childEnvironment.contains { $0.hasPrefix("AWS_SECRET_ACCESS_KEY") || $0.hasPrefix("HOME=") })
    }

    @Test func flagsOnlyWhereAccepted() {
        #expect(EngineArguments.prepare(["show", "-json", "plan.bin"]) == ["show", "-no-color", "-json", "plan.bin"])
        #expect(EngineArguments.prepare(["apply", "-input=true"]) == ["apply", "-no-color", "-input=true"])
        #expect(EngineArguments.prepare(["version", "-json"]) == ["version", "-json"])
        #expect(EngineArguments.prepare(["init", "-no-color"]) == ["init", "-input=false", "-no-color"])
        #expect(EngineArguments.prepare(["state", "list"]) == ["state", "list", "-no-color"])
        #expect(EngineArguments.prepare(["providers"]) == ["providers", "-no-color"])
    }

    @Test func stdoutRecordedAndStderrLast() throws {
        let record = temporaryFile("run.jsonl")
        let runner = TerraformRunner(executable: Fixture.fakeTerraform)
        let environment = [
            "FAKE_STDOUT": Fixture.url("c21-mixed.jsonl").path,
            "FAKE_STDERR": Fixture.url("c21-stderr.txt").path,
            "FAKE_EXIT": "1",
        ]
        var events: [RunEvent] = []

        let code = try runner.run(["plan", "-json"], in: folder, environment: environment, record: record) { events.append($0) }

        #expect(code == 1)
        #expect(try Data(contentsOf: record) == Data(contentsOf: Fixture.url("c21-mixed.jsonl")))
        #expect(events.count == 7)
        #expect(events.last == .diagnostic(Diagnostic(severity: "error", summary: "Invalid character", detail: "This character is not used within the language.")))
    }

    @Test func stderrOnSuccessIsWarningLog() throws {
        let runner = TerraformRunner(executable: "/bin/sh")
        var events: [RunEvent] = []

        _ = try runner.run(["-c", "echo 'Warning: odd' >&2"], in: folder, environment: [:]) { events.append($0) }

        #expect(events == [.log(LogLine(message: "Warning: odd", level: "warn", source: .stderr))])
    }

    @Test func stdinIsEmptyNotInherited() throws {
        let runner = TerraformRunner(executable: "/bin/sh")
        var lines: [String] = []

        let code = try runner.run(["-c", "if read answer; then echo got:$answer; else echo eof; fi"], in: folder, environment: [:]) { event in
            if case let .log(line) = event { lines.append(line.message) }
        }

        #expect(code == 0)
        #expect(lines == ["eof"])
    }

    @Test func childLeadsOwnProcessGroup() throws {
        let runner = TerraformRunner(executable: "/bin/sh")
        var lines: [String] = []

        _ = try runner.run(["-c", "echo $$; cut -d' ' -f5 /proc/$$/stat"], in: folder, environment: [:]) { event in
            if case let .log(line) = event { lines.append(line.message) }
        }

        #expect(lines.count == 2)
        #expect(lines.first == lines.last)
        #expect(lines.first != String(getpgrp()))
    }

    @Test func interruptSendsExactlyOneSigint() throws {
        let runner = TerraformRunner(executable: "/bin/sh")
        let script = "n=0; trap 'n=$((n+1)); echo int:$n' INT; echo ready; i=0; while [ $i -lt 30 ]; do sleep 0.1; i=$((i+1)); done; echo end:$n"
        var lines: [String] = []
        var sent: [Bool] = []

        let code = try runner.run(["-c", script], in: folder, environment: [:]) { event in
            guard case let .log(line) = event else { return }
            lines.append(line.message)
            if line.message == "ready" {
                sent.append(runner.interrupt())
                sent.append(runner.interrupt())
            }
        }

        #expect(code == 0)
        #expect(sent == [true, false])
        #expect(lines.first == "ready")
        #expect(lines.last == "end:1")
        #expect(runner.wasInterrupted)
        #expect(!runner.interrupt())
    }

    @Test func interruptAllReachesRunningEngine() throws {
        let registry = RunnerRegistry()
        let runner = TerraformRunner(executable: "/bin/sh", registry: registry)
        let script = "trap 'echo stopping; exit 5' INT; echo ready; i=0; while [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done"
        var asked = -1

        let code = try runner.run(["-c", script], in: folder, environment: [:]) { event in
            if event == .log(LogLine(message: "ready", source: .text)) {
                asked = registry.interruptAll()
            }
        }

        #expect(asked == 1)
        #expect(code == 5)
        #expect(runner.wasInterrupted)
        #expect(!registry.anyRunning)
    }

    @Test func terminateKillsAfterGrace() throws {
        let runner = TerraformRunner(executable: "/bin/sh", hardStopGrace: 0.3)
        let started = Date()

        let code = try runner.run(["-c", "trap '' TERM; echo ready; sleep 30 & wait; sleep 30"], in: folder, environment: [:]) { event in
            if case .log = event { runner.terminate() }
        }

        #expect(code == 128 + SIGKILL)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(!runner.isRunning)
    }

    @Test func missingExecutableNamed() {
        let runner = TerraformRunner(executable: "/nonexistent/terraform")

        #expect(throws: RunnerError.self) {
            _ = try runner.run(["version"], in: folder, environment: [:]) { _ in }
        }
    }

    @Test func missingFolderNamed() {
        let runner = TerraformRunner(executable: "/bin/sh")

        #expect(throws: RunnerError.folderMissing("/nonexistent/folder")) {
            _ = try runner.run(["-c", "true"], in: URL(fileURLWithPath: "/nonexistent/folder"), environment: [:]) { _ in }
        }
    }
}
