import BerthTestSupport
import Foundation
import Testing

/// `berth redeploy` in tmux after a hand edit of terraform.tfvars: the identity screen lists
/// exactly the changed fields, the plan shows the update, and the apply completes.
@Suite struct RedeployTerminalTests {
    @Test func redeployAfterHandEditShowsChangesAndApplies() throws {
        let berth = try BerthBinary.require()
        let emulator = try Emulator()
        try emulator.seed(["--with-secret", "--with-role"])
        let folder = try TemporaryFolder(prefix: "redeploy-terminal")
        let blueprint = try Sandbox.copy(to: folder.url.appendingPathComponent("backend-service"))
        let tfvars = try Sandbox.writeFilledTfvars(in: blueprint)
        var environment = try emulator.isolatedEnvironment(home: folder.url)
        environment["LANG"] = "C.UTF-8"

        let first = try ChildProcess.run(
            "setsid", ["--wait", berth.path, "redeploy", "--plain", "--yes", "--folder", blueprint.path, "--engine", Rig.terraform.path],
            environment: environment, inheritEnvironment: false, input: String(repeating: "\n", count: 80), timeout: 300)
        #expect(first.exitStatus == 0, "\(first)")
        #expect(first.standardOutput.contains("No earlier Berth run is known for this folder"))

        var text = try String(contentsOf: tfvars, encoding: .utf8)
        let edits = [
            ("desired_count   = 3", "desired_count   = 2"),
            ("service_name    = \"ecsdemo-nodejs\"", "service_name    = \"orders\""),
            ("# These can stay as they are.", "# These can stay as they are (orders split out by hand)."),
        ]
        for (old, new) in edits {
            #expect(text.contains(old), "the sandbox example no longer has \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        try Data(text.utf8).write(to: tfvars)

        let session = try TmuxSession(
            [berth.path, "redeploy", "--folder", blueprint.path, "--engine", Rig.terraform.path],
            environment: environment, width: 120, height: 50, directory: blueprint)
        defer { session.kill() }

        let identity = try session.waitFor(text: "Berth will use this account", timeout: 60)
        let changeRows = identity.components(separatedBy: "\n").filter { $0.contains(" → ") }
        #expect(identity.contains("Changed in terraform.tfvars since the last apply"))
        #expect(changeRows.count == 2, "\(identity)")
        #expect(changeRows.contains { $0.contains("desired_count") && $0.contains("3 → 2") })
        #expect(changeRows.contains { $0.contains("service_name") && $0.contains("ecsdemo-nodejs → orders") })

        let steps: [(ready: String, button: String, next: String)] = [
            ("Berth will use this account", "[ Continue ]", "Step 3 of 11"),
            ("core-infra is deployed in this region", "[ Continue ]", "Step 4 of 11"),
            ("The role exists", "[ Continue ]", "Step 5 of 11"),
            ("The secret holds a plain-text token", "[ Continue ]", "Step 7 of 11"),
            ("[ Write and plan ]", "[ Write and plan ]", "Write and plan?"),
        ]
        for step in steps {
            try session.waitFor(text: step.ready, timeout: 60)
            try session.focus(on: step.button)
            try session.send(keys: "Enter")
            try session.waitFor(text: step.next, timeout: 60)
        }
        try session.send(keys: "y")
        let plan = try session.waitFor(timeout: 240, "the plan review") { $0.contains("Plan: ") && $0.contains("[ Apply ") }
        #expect(!plan.contains("Nothing to apply"))
        #expect(!plan.contains("Plan: 0 to add, 0 to change, 0 to destroy."))

        try session.focus(on: "[ Apply ")
        try session.send(keys: "Enter")
        try session.waitFor(text: "changes?", timeout: 20)
        try session.send(keys: "y")
        let done = try session.waitFor(text: "The backend service is deployed.", timeout: 240)
        #expect(done.contains("orders.default.ecs-blueprint-infra.local"))

        let after = try String(contentsOf: tfvars, encoding: .utf8)
        #expect(after.contains("# These can stay as they are (orders split out by hand)."))
        #expect(after.contains("# the application listens on 3000; leave it"))
        let session2 = try String(contentsOf: blueprint.appendingPathComponent(".berth/session.json"), encoding: .utf8)
        #expect(session2.contains("\"service_name\" : \"orders\""))
    }
}
