import BerthTestSupport
import Foundation
import Testing

@Suite struct ChildProcessTests {
    @Test func capturesBothStreamsAndStatus() throws {
        let result = try ChildProcess.run("sh", ["-c", "echo out; echo err >&2; exit 3"])

        #expect(result.exitStatus == 3)
        #expect(result.standardOutput == "out\n")
        #expect(result.standardError == "err\n")
        #expect(!result.timedOut)
        #expect(throws: RigError.self) { try result.requireSuccess() }
    }

    @Test func passesInputAndEnvironment() throws {
        let result = try ChildProcess.run(
            "sh", ["-c", "read line; echo \"$line-$BERTH_PROBE\""], environment: ["BERTH_PROBE": "set"], input: "typed\n")

        #expect(result.standardOutput == "typed-set\n")
    }

    @Test func childStartsWithNoBlockedSignals() throws {
        let result = try ChildProcess.run("grep", ["SigBlk", "/proc/self/status"])

        #expect(result.standardOutput == "SigBlk:\t0000000000000000\n")
    }

    @Test func timeoutKillsProcess() throws {
        let started = Date()
        let result = try ChildProcess.run("sleep", ["30"], timeout: 0.5)

        #expect(result.timedOut)
        #expect(Date().timeIntervalSince(started) < 2.3, "SIGTERM should end it before the SIGKILL fallback")
    }

    @Test func largeOutputDoesNotBlock() throws {
        let result = try ChildProcess.run("sh", ["-c", "head -c 1000000 /dev/zero | tr '\\\\0' a"], timeout: 30)

        #expect(result.standardOutput.count == 1_000_000)
    }

    @Test func missingCommandNamesIt() throws {
        let error = #expect(throws: RigError.self) {
            try ChildProcess.run("berth-no-such-command")
        }
        #expect(error?.description.contains("berth-no-such-command") == true)
    }
}
