import BerthTestSupport
import BerthTerraform
import BerthWizard
import Foundation
import Testing

/// The state storage screen driven with intents against the emulator's S3 and the rig's
/// real Terraform, on a copy of the sandbox blueprint.
@Suite(.serialized) struct StateStorageFlowTests {
    static let emulator = Result { try Emulator() }

    /// Returns a controller on the state storage screen with S3 chosen, after the account checks.
    private func storageScreen(_ fixture: WizardFixture, firstActions: [String] = ["Keep local state", "Use an S3 bucket"]) throws -> WizardController {
        let controller = WizardController(configuration: fixture.configuration())
        controller.start()
        for step in [WizardStep.identity, .coreInfra, .codestarRole, .githubSecret, .fields] {
            controller.handle(.activate(actionID: "next"))
            if !step.checkIDs.isEmpty {
                try wait(for: controller, "\(step) checks") { $0.screen.id == step.rawValue && $0.screen.busy == nil }
            }
        }
        controller.handle(.activate(actionID: "next"))
        try wait(for: controller, "the review") { $0.screen.id == "review" && $0.screen.busy == nil }

        controller.handle(.activate(actionID: "state-storage"))
        let first = controller.screen
        #expect(first.id == "state-storage")
        #expect(first.actions.map(\.label) == firstActions)
        #expect(first.fields.isEmpty)
        controller.handle(.activate(actionID: "state.use-s3"))
        return controller
    }

    private func freshFixture() throws -> WizardFixture {
        let emulator = try Self.emulator.get()
        try emulator.reset()
        try emulator.seed(["--with-secret", "--with-role"])
        return try WizardFixture(emulator: emulator, tfvars: WizardFixture.completeTfvars)
    }

    /// Returns the screen as one text: paragraphs, table rows, check rows with their fixes, field errors.
    private func text(_ screen: Screen) -> String {
        var lines: [String] = []
        for block in screen.blocks {
            switch block {
            case .paragraph(let text, _): lines.append(text)
            case .table(let rows): lines += rows.map { "\($0.key): \($0.value)" }
            case .checks(let rows): lines += rows.map { "\($0.title) \($0.status.rawValue): \($0.detail) \($0.fix ?? "")" }
            case .run: break
            }
        }
        lines += screen.fields.map { "\($0.label) [\($0.value)] \($0.error ?? "")" }
        return lines.joined(separator: "\n")
    }

    private func row(_ controller: WizardController, _ id: String) -> CheckRow? {
        for case .checks(let rows) in controller.screen.blocks {
            if let row = rows.first(where: { $0.id == id }) { return row }
        }
        return nil
    }

    private func type(_ controller: WizardController, _ id: String, _ value: String) {
        controller.handle(.setField(id: id, value: value))
        controller.handle(.commitField(id: id))
    }

    @Test func fieldsAreCheckedAsTheyAreLeft() throws {
        let fixture = try freshFixture()
        let controller = try storageScreen(fixture)
        #expect(text(controller.screen).contains("State now: local: terraform.tfstate in this folder"))
        let fields = controller.screen.fields
        #expect(fields.map(\.id) == ["state.bucket", "state.key", "state.region", "state.dynamodb_table"])
        #expect(fields.first { $0.id == "state.key" }?.value == "ecs-blueprints/ecsdemo-backend/terraform.tfstate")
        #expect(fields.first { $0.id == "state.region" }?.value == "us-west-2")

        type(controller, "state.bucket", "Team-State")
        #expect(controller.screen.fields.first?.error == "bucket names use lowercase letters only; did you mean \"team-state\"?")
        #expect(row(controller, "state.bucket")?.status == .pending)
        type(controller, "state.region", "us-west-2a")
        #expect(controller.screen.fields.first { $0.id == "state.region" }?.error == "this is an Availability Zone; use its region \"us-west-2\"")
        #expect(controller.screen.actions.map(\.id) == ["state.check", "state.keep-local"])

        controller.handle(.back)
        #expect(controller.screen.id == "review")
    }

    @Test func missingBucketNamesTheFix() throws {
        let fixture = try freshFixture()
        let controller = try storageScreen(fixture)

        type(controller, "state.bucket", "berth-no-such-bucket")
        try wait(for: controller, "the bucket check") { self.row($0, "state.bucket").map { $0.status != .pending && $0.status != .running } ?? false }

        let bucket = try #require(row(controller, "state.bucket"))
        #expect(bucket.status == .fail)
        #expect(bucket.detail == "there is no bucket named berth-no-such-bucket (S3 answered 404 Not Found)")
        #expect(bucket.fix?.contains("aws s3api create-bucket --bucket berth-no-such-bucket --region us-west-2 --create-bucket-configuration LocationConstraint=us-west-2") == true)
        #expect(controller.screen.fields.first?.error == "no bucket named berth-no-such-bucket exists; create it or correct the name")
        #expect(controller.screen.actions.map(\.id) == ["state.check", "state.keep-local"])
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("berth_backend.tf").path))
    }

    @Test func wrongRegionNamesTheBucketsRegion() throws {
        let fixture = try freshFixture()
        try EmulatorS3(fixture.emulator).createBucket("berth-west-state", region: "us-west-2")
        let controller = try storageScreen(fixture)

        controller.handle(.setField(id: "state.region", value: "eu-west-1"))
        type(controller, "state.bucket", "berth-west-state")
        try wait(for: controller, "the bucket check") { self.row($0, "state.bucket").map { $0.status != .pending && $0.status != .running } ?? false }

        let bucket = try #require(row(controller, "state.bucket"))
        #expect(bucket.status == .fail)
        #expect(bucket.detail == "berth-west-state is in us-west-2, not in eu-west-1")
        #expect(bucket.fix?.hasPrefix("Set Bucket region to us-west-2") == true)
        #expect(controller.screen.fields.first { $0.id == "state.region" }?.error == "berth-west-state is in us-west-2; enter us-west-2")

        type(controller, "state.region", "us-west-2")
        try wait(for: controller, "the second check") { self.row($0, "state.bucket")?.status == .pass }
        #expect(controller.screen.fields.allSatisfy { $0.error == nil })
    }

    @Test func writtenBackendIsUsedByThePlan() throws {
        let fixture = try freshFixture()
        let s3 = EmulatorS3(fixture.emulator)
        try s3.createBucket("berth-team-state")
        let controller = try storageScreen(fixture)

        type(controller, "state.bucket", "berth-team-state")
        try wait(for: controller, "the checks") { $0.screen.actions.first?.id == "state.write" }
        #expect(row(controller, "state.bucket")?.detail == "berth-team-state exists in us-west-2 and these credentials can reach it")
        #expect(row(controller, "state.key")?.detail == "no state at s3://berth-team-state/ecs-blueprints/ecsdemo-backend/terraform.tfstate yet; Terraform creates it")
        let write = try #require(controller.screen.actions.first)
        let backendPath = fixture.folder.appendingPathComponent("berth_backend.tf").path
        #expect(write.confirmation == "Write \(backendPath) so that Terraform keeps this blueprint's state at s3://berth-team-state/ecs-blueprints/ecsdemo-backend/terraform.tfstate (region us-west-2, locking: S3 lock file), then run terraform init?")

        controller.handle(.activate(actionID: "state.write"))
        try wait(for: controller, "the backend file", timeout: 120) { $0.screen.busy == nil && $0.screen.actions.first?.id == "state.done" }
        let written = try String(contentsOfFile: backendPath, encoding: .utf8)
        #expect(written.contains("bucket       = \"berth-team-state\""))
        #expect(written.contains("use_lockfile = true"))
        #expect(written.contains("s3 = \"\(fixture.emulator.url.absoluteString)\""))
        #expect(text(controller.screen).contains("Wrote berth_backend.tf: Terraform now keeps this blueprint's state at s3://berth-team-state/ecs-blueprints/ecsdemo-backend/terraform.tfstate (us-west-2)."))

        controller.handle(.activate(actionID: "state.done"))
        #expect(text(controller.screen).contains("Terraform state: s3://berth-team-state/ecs-blueprints/ecsdemo-backend/terraform.tfstate in us-west-2 (berth_backend.tf)"))
        controller.handle(.activate(actionID: "write-and-plan"))
        try wait(for: controller, "the plan", timeout: 240) { $0.screen.id == "plan-review" || (!$0.isRunning && $0.screen.id == "plan" && $0.screen.busy == nil) }
        #expect(controller.screen.id == "plan-review", "\(controller.screen)")
        #expect(try s3.keys("berth-team-state").isEmpty)
    }

    /// Returns a state file with one `terraform_data` resource named `name`, in the layout Terraform 1.15.5 writes.
    static func state(_ name: String, lineage: String) -> String {
        #"{"version":4,"terraform_version":"1.15.5","serial":1,"lineage":"\#(lineage)","outputs":{},"resources":[{"mode":"managed","type":"terraform_data","name":"\#(name)","provider":"provider[\"terraform.io/builtin/terraform\"]","instances":[{"schema_version":0,"attributes":{"id":"\#(name)-id","input":null,"output":null,"triggers_replace":null},"sensitive_attributes":[]}]}],"check_results":null}"#
    }

    @Test func differentStateAtKeyNeedsItsOwnConfirmation() throws {
        let fixture = try freshFixture()
        let s3 = EmulatorS3(fixture.emulator)
        try s3.createBucket("berth-shared-state")
        try s3.put("berth-shared-state", key: "ecs-blueprints/ecsdemo-backend/terraform.tfstate", text: Self.state("team", lineage: "11111111-2222-3333-4444-555555555555"))
        try Data(Self.state("mine", lineage: "66666666-7777-8888-9999-000000000000").utf8).write(to: fixture.folder.appendingPathComponent("terraform.tfstate"))
        let controller = try storageScreen(fixture)
        #expect(text(controller.screen).contains("Local state: terraform.tfstate records 1 resource"))

        type(controller, "state.bucket", "berth-shared-state")
        try wait(for: controller, "the checks", timeout: 120) { self.row($0, "state.key").map { $0.status != .pending && $0.status != .running } ?? false }

        let key = try #require(row(controller, "state.key"))
        #expect(key.status == .warn)
        #expect(key.detail == "s3://berth-shared-state/ecs-blueprints/ecsdemo-backend/terraform.tfstate already holds a different state with 1 resource (terraform_data.team)")
        let actions = controller.screen.actions
        #expect(actions.map(\.id) == ["state.migrate-replace", "state.check", "state.keep-local"])
        #expect(actions.first?.isDefault == false)
        #expect(actions.first?.confirmation?.hasPrefix("s3://berth-shared-state/ecs-blueprints/ecsdemo-backend/terraform.tfstate already holds a different state with 1 resource (terraform_data.team). Overwrite it with the local state (1 resource in terraform.tfstate)") == true)

        controller.handle(.activate(actionID: "state.keep-local"))
        #expect(controller.screen.id == "review")
        #expect(try s3.object("berth-shared-state", key: "ecs-blueprints/ecsdemo-backend/terraform.tfstate").contains("\"name\":\"team\""))
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("berth_backend.tf").path))
    }

    @Test func otherBackendBlockIsShownAndKept() throws {
        let fixture = try freshFixture()
        let block = "terraform {\n  backend \"s3\" {\n    bucket = \"their-state\"\n    key    = \"svc.tfstate\"\n  }\n}\n"
        try Data(block.utf8).write(to: fixture.folder.appendingPathComponent("backend.tf"))
        try EmulatorS3(fixture.emulator).createBucket("berth-unused-state")
        let controller = try storageScreen(fixture, firstActions: ["Keep the current backend", "Use an S3 bucket"])

        let screen = text(controller.screen)
        #expect(screen.contains("State now: a backend \"s3\" block in backend.tf line 2 (kept as it is)"))
        #expect(screen.contains("This folder already declares a backend \"s3\" block in backend.tf line 2. Terraform allows one backend, so Berth leaves it as it is"))
        #expect(screen.contains("  backend \"s3\" {\n    bucket = \"their-state\"\n    key    = \"svc.tfstate\"\n  }"))
        type(controller, "state.bucket", "berth-unused-state")
        try wait(for: controller, "the checks", timeout: 120) { self.row($0, "state.key")?.status == .pass }
        #expect(controller.screen.actions.map(\.id) == ["state.check", "state.keep-local"])
        #expect(try String(contentsOf: fixture.folder.appendingPathComponent("backend.tf"), encoding: .utf8) == block)
    }

    @Test func changedSettingsNameTheFileTheyReplace() throws {
        let fixture = try freshFixture()
        try EmulatorS3(fixture.emulator).createBucket("berth-team-state")
        let controller = try storageScreen(fixture)
        type(controller, "state.bucket", "berth-team-state")
        try wait(for: controller, "the checks") { $0.screen.actions.first?.id == "state.write" }
        controller.handle(.activate(actionID: "state.write"))
        try wait(for: controller, "the backend file", timeout: 120) { $0.screen.busy == nil && $0.screen.actions.first?.id == "state.done" }
        controller.handle(.activate(actionID: "state.done"))

        controller.handle(.activate(actionID: "state-storage"))
        #expect(controller.screen.actions.map(\.label) == ["Keep the current backend", "Change the S3 settings"])
        controller.handle(.activate(actionID: "state.use-s3"))
        #expect(controller.screen.fields.map(\.value) == ["berth-team-state", "ecs-blueprints/ecsdemo-backend/terraform.tfstate", "us-west-2", ""])
        type(controller, "state.key", "teams/orders/terraform.tfstate")
        try wait(for: controller, "the new key's checks") { $0.screen.actions.first?.id == "state.migrate" }

        let move = try #require(controller.screen.actions.first)
        let backendPath = fixture.folder.appendingPathComponent("berth_backend.tf").path
        #expect(move.label == "Move state to S3")
        #expect(move.confirmation == "Write \(backendPath) (state at s3://berth-team-state/teams/orders/terraform.tfstate, region us-west-2, locking: S3 lock file) and copy the state at s3://berth-team-state/ecs-blueprints/ecsdemo-backend/terraform.tfstate there with terraform init -migrate-state? It replaces the current berth_backend.tf, which points at s3://berth-team-state/ecs-blueprints/ecsdemo-backend/terraform.tfstate.")
        #expect(try String(contentsOfFile: backendPath, encoding: .utf8).contains("key          = \"ecs-blueprints/ecsdemo-backend/terraform.tfstate\""))

        controller.handle(.activate(actionID: "state.migrate"))
        try wait(for: controller, "the move", timeout: 120) { $0.screen.busy == nil && $0.screen.actions.first?.id == "state.done" }
        #expect(try String(contentsOfFile: backendPath, encoding: .utf8).contains("key          = \"teams/orders/terraform.tfstate\""))
    }

    /// Re-checking the settings the folder's backend file already names finds the folder's own
    /// state at the key, which is neither a team's state to join nor a different one to replace.
    @Test func unchangedSettingsKeepTheFoldersOwnState() throws {
        let fixture = try freshFixture()
        let s3 = EmulatorS3(fixture.emulator)
        try s3.createBucket("berth-own-state")
        let controller = try storageScreen(fixture)
        type(controller, "state.bucket", "berth-own-state")
        try wait(for: controller, "the checks") { $0.screen.actions.first?.id == "state.write" }
        controller.handle(.activate(actionID: "state.write"))
        try wait(for: controller, "the backend file", timeout: 120) { $0.screen.busy == nil && $0.screen.actions.first?.id == "state.done" }
        controller.handle(.activate(actionID: "state.done"))
        try s3.put("berth-own-state", key: "ecs-blueprints/ecsdemo-backend/terraform.tfstate", text: Self.state("mine", lineage: "66666666-7777-8888-9999-000000000000"))

        controller.handle(.activate(actionID: "state-storage"))
        controller.handle(.activate(actionID: "state.use-s3"))
        controller.handle(.activate(actionID: "state.check"))
        try wait(for: controller, "the checks", timeout: 120) { self.row($0, "state.key").map { $0.status != .pending && $0.status != .running } ?? false }

        let key = try #require(row(controller, "state.key"))
        #expect(key.status == .pass)
        #expect(key.detail == "this folder already keeps its state at s3://berth-own-state/ecs-blueprints/ecsdemo-backend/terraform.tfstate: 1 resource (terraform_data.mine)")
        #expect(controller.screen.actions.map(\.id) == ["state.keep-local", "state.check"])
        #expect(controller.screen.actions.first?.isDefault == true)
    }
}
