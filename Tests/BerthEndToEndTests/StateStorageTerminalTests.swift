import BerthTestSupport
import Foundation
import Testing

/// `berth redeploy` in tmux on a folder deployed with local state. The state storage screen
/// reports a missing bucket with its fix, then writes the S3 backend and moves the state to
/// the emulator's bucket. The following plan reads the state from there.
@Suite struct StateStorageTerminalTests {
    static let bucket = "berth-team-state"
    static let key = "ecs-blueprints/ecsdemo-nodejs/terraform.tfstate"

    /// Returns the screen with line breaks and runs of spaces collapsed, so wrapped text can be matched.
    func flat(_ screen: String) -> String {
        screen.split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "│" }).joined(separator: " ")
    }

    @Test func stateMovesToBucketAndPlanReadsIt() throws {
        let berth = try BerthBinary.require()
        let emulator = try Emulator()
        try emulator.seed(["--with-secret", "--with-role"])
        let s3 = EmulatorS3(emulator)
        try s3.createBucket(Self.bucket)
        let folder = try TemporaryFolder(prefix: "state-storage-terminal")
        let blueprint = try Sandbox.copy(to: folder.url.appendingPathComponent("backend-service"))
        try Sandbox.writeFilledTfvars(in: blueprint)
        var environment = try emulator.isolatedEnvironment(home: folder.url)
        environment["LANG"] = "C.UTF-8"

        let deploy = try ChildProcess.run(
            "setsid", ["--wait", berth.path, "redeploy", "--plain", "--yes", "--folder", blueprint.path, "--engine", Rig.terraform.path],
            environment: environment, inheritEnvironment: false, input: String(repeating: "\n", count: 80), timeout: 300)
        #expect(deploy.exitStatus == 0, "\(deploy)")

        let session = try TmuxSession(
            [berth.path, "redeploy", "--folder", blueprint.path, "--engine", Rig.terraform.path],
            environment: environment, width: 120, height: 50, directory: blueprint)
        defer { session.kill() }
        let steps: [(ready: String, next: String)] = [
            ("Berth will use this account", "Step 3 of 11"),
            ("core-infra is deployed in this region", "Step 4 of 11"),
            ("The role exists", "Step 5 of 11"),
            ("The secret holds a plain-text token", "Step 7 of 11"),
        ]
        for step in steps {
            try session.waitFor(text: step.ready, timeout: 60)
            try session.focus(on: "[ Continue ]")
            try session.send(keys: "Enter")
            try session.waitFor(text: step.next, timeout: 60)
        }
        let review = try session.waitFor(text: "[ State storage ]", timeout: 60)
        #expect(flat(review).contains("Terraform state local: terraform.tfstate in this folder"))

        try session.focus(on: "[ State storage ]")
        try session.send(keys: "Enter")
        let choice = try session.waitFor(text: "[ Use an S3 bucket ]", timeout: 20)
        #expect(flat(choice).contains("Local state terraform.tfstate records \(Sandbox.resourceCount) resources"))
        try session.focus(on: "[ Use an S3 bucket ]")
        try session.send(keys: "Enter")
        try session.waitFor(text: "S3 bucket", timeout: 20)

        try session.focus(on: "ecs-blueprints/ecsdemo-nodejs/terraform.tfstate")
        try session.send(keys: "BTab")
        try session.send(text: "berth-missing-state")
        try session.send(keys: "Tab")
        let missing = try session.waitFor(timeout: 60, "the missing bucket's message") { self.flat($0).contains("there is no bucket named berth-missing-state") }
        #expect(flat(missing).contains("aws s3api create-bucket --bucket berth-missing-state --region us-west-2"))
        #expect(!missing.contains("[ Move state to S3 ]"))

        try session.focus(on: "berth-missing-state")
        try session.send(keys: "C-u")
        try session.send(text: Self.bucket)
        try session.send(keys: "Tab")
        let checked = try session.waitFor(timeout: 120, "the checked bucket") { $0.contains("[ Move state to S3 ]") }
        #expect(flat(checked).contains("\(Self.bucket) exists in us-west-2"))
        #expect(flat(checked).contains("no state at s3://\(Self.bucket)/\(Self.key) yet"))

        try session.focus(on: "[ Move state to S3 ]")
        try session.send(keys: "Enter")
        let question = try session.waitFor(timeout: 20, "the confirmation") { self.flat($0).contains("-migrate-state?") }
        // The dialog wraps over the screen's text, so only text within one of its rows is matched.
        #expect(question.contains("backend-service/berth_backend.tf (state at"))
        #expect(question.contains("region us-west-2, locking: S3 lock file) and copy"))
        #expect(question.contains("the local state (\(Sandbox.resourceCount) resources in terraform.tfstate) there"))
        try session.send(keys: "y")
        let moved = try session.waitFor(timeout: 180, "the migration") { $0.contains("[ Back to review ]") || $0.contains("did not change") }
        #expect(flat(moved).contains("Copied \(Sandbox.resourceCount) resources"), "\(moved)")
        #expect(flat(moved).contains("The local state is kept in .berth/state-backups/terraform.tfstate."))

        try session.focus(on: "[ Back to review ]")
        try session.send(keys: "Enter")
        let back = try session.waitFor(text: "[ Write and plan ]", timeout: 20)
        #expect(flat(back).contains("Terraform state s3://\(Self.bucket)/\(Self.key) in us-west-2 (berth_backend.tf)"))
        try session.focus(on: "[ Write and plan ]")
        try session.send(keys: "Enter")
        try session.waitFor(text: "Write and plan?", timeout: 20)
        try session.send(keys: "y")
        let plan = try session.waitFor(timeout: 240, "the plan review") { $0.contains("Nothing to apply") || $0.contains("[ Apply ") || $0.contains("Plan again") }
        #expect(plan.contains("Nothing to apply"), "\(plan)")

        #expect(try s3.keys(Self.bucket) == [Self.key])
        #expect(try s3.stateInstanceCount(Self.bucket, key: Self.key) == Sandbox.resourceCount)
        let local = try FileManager.default.attributesOfItem(atPath: blueprint.appendingPathComponent("terraform.tfstate").path)
        #expect(local[.size] as? Int == 0)
        let backups = try FileManager.default.contentsOfDirectory(atPath: blueprint.appendingPathComponent(".berth/state-backups").path)
        #expect(backups.count == 1)
        let backup = try Data(contentsOf: blueprint.appendingPathComponent(".berth/state-backups").appendingPathComponent(try #require(backups.first)))
        let saved = try #require(try JSONSerialization.jsonObject(with: backup) as? [String: Any])
        #expect((saved["resources"] as? [Any])?.isEmpty == false)
    }
}
