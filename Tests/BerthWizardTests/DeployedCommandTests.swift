import BerthTestSupport
import Foundation
import Testing

/// `berth check --deployed`, run as CI would run it.
@Suite(.serialized) struct DeployedCommandTests {
    static let emulator = Result { try Emulator() }

    private func run(_ arguments: [String], fixture: WizardFixture) throws -> ChildProcessResult {
        let berth = try BerthBinary.require()
        return try ChildProcess.run(berth.path, ["check", "--folder", fixture.folder.path, "--engine", Rig.terraform.path] + arguments,
                                    environment: fixture.environment, inheritEnvironment: false, timeout: 120)
    }

    @Test func deployedOnFreshFolderSaysNotDeployedYet() throws {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-secret", "--with-role"])
        let fixture = try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars)

        let result = try run(["--deployed", "--timeout", "0"], fixture: fixture)

        #expect(result.exitStatus == 1, "\(result)")
        #expect(result.standardOutput.contains("Deployed service ecsdemo-backend in cluster ecs-blueprint-infra (waiting up to 0 s):"))
        #expect(result.standardOutput.contains("FAIL    Pipeline's newest run: There is no pipeline pipeline-ecsdemo-backend in this region."))
        #expect(result.standardOutput.contains("The service is not deployed by this blueprint yet."))
    }

    @Test func timeoutNotNumberIsUsageError() throws {
        let emulator = try Self.emulator.get()
        let fixture = try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars)

        let result = try run(["--deployed", "--timeout", "soon"], fixture: fixture)

        #expect(result.exitStatus == 2)
        #expect(result.standardError.contains("--timeout \"soon\" is not a number of seconds"))
    }
}
