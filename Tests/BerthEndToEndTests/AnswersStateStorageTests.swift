import BerthTestSupport
import Foundation
import Testing

/// `berth --answers FILE` with `state_storage = "s3"` against an emulator bucket: the run writes
/// the S3 backend file and applies with real Terraform, so the state ends up in the bucket. A
/// missing approval, or a bucket that already contains another state at the key, ends with exit
/// status 2 and leaves the bucket as it was.
@Suite struct AnswersStateStorageTests {
    static let bucket = "berth-answers-state"
    static let key = "ecs-blueprints/answers/terraform.tfstate"

    static func answers(approval: String) -> String {
        AnswersErrorTests.complete + """
            state_storage = "s3"
            state_bucket  = "\(bucket)"
            state_key     = "\(key)"
            \(approval)
            apply         = "approve"

            """
    }

    @Test func backendWrittenAndStateInBucket() throws {
        let emulator = try Emulator()
        try emulator.seed(["--with-secret", "--with-role"])
        let s3 = EmulatorS3(emulator)
        try s3.createBucket(Self.bucket)
        let run = try AnswersRun(emulator: emulator, answers: Self.answers(approval: "write_state_backend = true"), prefix: "answers-s3",
                                 extraEnvironment: ["CHECKPOINT_DISABLE": "1"])

        let result = try run.run(timeout: 600)

        let output = result.output
        #expect(result.status == 0, "exit \(result.status)\n\(output)\n\(result.errors)")
        #expect(output.contains("State storage: S3 (state_storage = \"s3\", \(run.answersFile.path) line 6)"), "\(output)")
        #expect(output.contains("state_bucket = \(Self.bucket)  (\(run.answersFile.path) line 7)"), "\(output)")
        #expect(output.contains("state_region = us-west-2  (kept: not in \(run.answersFile.path))"), "\(output)")
        let write = try #require(output.range(of: "so that Terraform keeps this blueprint's state at s3://\(Self.bucket)/\(Self.key) (region us-west-2, locking: S3 lock file), then run terraform init? yes (write_state_backend = true, \(run.answersFile.path) line 9)"),
                                 "no approved backend write:\n\(output)")
        let plan = try #require(output.range(of: "Plan: 26 to add, 0 to change, 0 to destroy."), "no plan:\n\(output)")
        #expect(write.lowerBound < plan.lowerBound, "the backend must be written before the plan")
        #expect(output.contains("== Step 11 of 11: Done"), "\(output)")

        let backend = try String(contentsOf: run.blueprint.appendingPathComponent("berth_backend.tf"), encoding: .utf8)
        #expect(backend.contains("\"\(Self.bucket)\""), "berth_backend.tf:\n\(backend)")
        #expect(try s3.keys(Self.bucket) == [Self.key])
        #expect(try s3.stateInstanceCount(Self.bucket, key: Self.key) == Sandbox.resourceCount)
        let local = run.blueprint.appendingPathComponent("terraform.tfstate")
        let localSize = (try? FileManager.default.attributesOfItem(atPath: local.path)[.size] as? Int) ?? 0
        #expect(localSize == 0, "the state stayed local as well (\(localSize) bytes)")

        let again = try run.run(timeout: 300)

        #expect(again.status == 0, "second run: exit \(again.status)\n\(again.output)\n\(again.errors)")
        #expect(again.output.contains("berth_backend.tf already keeps the state where \(run.answersFile.path) puts it; the state storage stays as it is."), "\(again.output)")
        #expect(!again.output.contains("then run terraform init? yes"), "the second run wrote the backend again:\n\(again.output)")
        #expect(try s3.keys(Self.bucket) == [Self.key])
        #expect(try s3.stateInstanceCount(Self.bucket, key: Self.key) == Sandbox.resourceCount)
    }

    @Test func localStateMovedToBucket() throws {
        let emulator = try Emulator()
        try emulator.seed(["--with-secret", "--with-role"])
        let s3 = EmulatorS3(emulator)
        try s3.createBucket(Self.bucket)
        let run = try AnswersRun(emulator: emulator, answers: AnswersErrorTests.complete + "apply = \"approve\"\n", prefix: "answers-s3-move",
                                 extraEnvironment: ["CHECKPOINT_DISABLE": "1"])
        let local = try run.run(timeout: 300)
        #expect(local.status == 0, "first run: exit \(local.status)\n\(local.output)\n\(local.errors)")
        #expect(try s3.keys(Self.bucket).isEmpty, "without state_storage the state must stay local")

        try Data(Self.answers(approval: "write_state_backend = true").utf8).write(to: run.answersFile)
        let result = try run.run(timeout: 300)

        let output = result.output
        #expect(result.status == 0, "exit \(result.status)\n\(output)\n\(result.errors)")
        #expect(output.contains("and copy the local state (\(Sandbox.resourceCount) resources in terraform.tfstate) there with terraform init -migrate-state?"), "\(output)")
        #expect(output.contains("Terraform keeps terraform.tfstate.backup. yes (write_state_backend = true, \(run.answersFile.path) line 9)"), "\(output)")
        #expect(output.contains("Copied \(Sandbox.resourceCount) resources"), "\(output)")
        #expect(try s3.keys(Self.bucket) == [Self.key])
        #expect(try s3.stateInstanceCount(Self.bucket, key: Self.key) == Sandbox.resourceCount)
        let backups = try FileManager.default.contentsOfDirectory(atPath: run.blueprint.appendingPathComponent(".berth/state-backups").path)
        #expect(backups.count == 1, "state backups: \(backups)")
    }

    @Test func missingApprovalStopsWithItsName() throws {
        let emulator = try Emulator()
        try emulator.seed(["--with-secret", "--with-role"])
        let s3 = EmulatorS3(emulator)
        try s3.createBucket(Self.bucket)
        let run = try AnswersRun(emulator: emulator, answers: Self.answers(approval: ""), prefix: "answers-s3-key", extraEnvironment: ["CHECKPOINT_DISABLE": "1"])

        let result = try run.run(timeout: 180)

        #expect(result.status == 2, "exit \(result.status)\n\(result.output)\n\(result.errors)")
        #expect(result.output.contains("berth: \(run.answersFile.path), key write_state_backend: is needed to answer \"Write \(run.blueprint.path)/berth_backend.tf"), "\(result.output)")
        #expect(result.output.contains("Add write_state_backend = true to the file, or write_state_backend = false to decline."), "\(result.output)")
        #expect(!run.exists("berth_backend.tf"))
        #expect(try s3.keys(Self.bucket).isEmpty)
    }

    @Test func otherStateInBucketNeverReplaced() throws {
        let emulator = try Emulator()
        try emulator.seed(["--with-secret", "--with-role"])
        let s3 = EmulatorS3(emulator)
        try s3.createBucket(Self.bucket)
        let remote = Self.state(resource: "team_marker", lineage: "3f1c2a4e-0000-4000-8000-000000000001")
        try s3.put(Self.bucket, key: Self.key, text: remote)
        let run = try AnswersRun(emulator: emulator, answers: Self.answers(approval: "write_state_backend = true"), prefix: "answers-s3-replace",
                                 extraEnvironment: ["CHECKPOINT_DISABLE": "1"])
        let local = Self.state(resource: "local_marker", lineage: "3f1c2a4e-0000-4000-8000-000000000002")
        try local.write(to: run.blueprint.appendingPathComponent("terraform.tfstate"), atomically: true, encoding: .utf8)

        let result = try run.run(timeout: 180)

        #expect(result.status == 2, "exit \(result.status)\n\(result.output)\n\(result.errors)")
        #expect(result.output.contains("key state_key: names a key where the bucket already holds a different state, and an unattended run never overwrites a state in the bucket"), "\(result.output)")
        #expect(result.output.contains("Choose another state_key, or run berth on a terminal"), "\(result.output)")
        #expect(try s3.object(Self.bucket, key: Self.key) == remote, "the bucket's state changed")
        #expect(!run.exists("berth_backend.tf"))
        #expect(try String(contentsOf: run.blueprint.appendingPathComponent("terraform.tfstate"), encoding: .utf8) == local)
    }

    /// Returns a Terraform state holding one `terraform_data` resource, which needs no provider download.
    static func state(resource: String, lineage: String) -> String {
        """
        {"version": 4, "terraform_version": "1.10.0", "serial": 1, "lineage": "\(lineage)", "outputs": {},
         "resources": [{"mode": "managed", "type": "terraform_data", "name": "\(resource)",
           "provider": "provider[\\"terraform.io/builtin/terraform\\"]",
           "instances": [{"schema_version": 0, "attributes": {"id": "\(resource)", "input": null, "output": null, "triggers_replace": null},
             "sensitive_attributes": []}]}],
         "check_results": null}

        """
    }
}
