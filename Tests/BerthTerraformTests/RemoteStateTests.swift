import BerthTerraform
import BerthTestSupport
import Foundation
import Testing

/// Moves local state to the moto emulator's S3 with the rig's real Terraform.
@Suite struct RemoteStateTests {
    static let mainTF = """
    resource "terraform_data" "one" {
      input = "first"
    }
    resource "terraform_data" "many" {
      count = 2
      input = terraform_data.one.output
    }
    """

    /// Creates a project and applies it with local state, in an environment that reaches only the emulator.
    func appliedProject(_ label: String, emulator: Emulator) throws -> TerraformProject {
        let project = try TerraformProject(label, mainTF: Self.mainTF)
        project.environment.merge(EmulatorBucket.environment(emulator)) { _, new in new }
        _ = try project.initialize()
        _ = try project.plan()
        let applied = try project.apply()
        guard applied.code == 0 else {
            throw RigError("the local apply failed: \(applied.snapshot.diagnostics.map(\.summary))")
        }
        return project
    }

    func settings(bucket: String, emulator: Emulator) -> S3BackendConfiguration {
        S3BackendConfiguration(
            bucket: bucket,
            key: "teams/backend-service/terraform.tfstate",
            region: "us-west-2",
            locking: .lockfile,
            endpoint: .init(url: emulator.url)
        )
    }

    func fileSize(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
    }

    @Test func localStateMovesToBucket() throws {
        let emulator = try Emulator()
        let bucket = try EmulatorBucket("berth-team-state", in: emulator)
        let project = try appliedProject("migrate", emulator: emulator)
        let localBefore = try project.stateList()
        let model = RunModel(phase: .initializing)

        let migration = try project.commands.migrateState(to: settings(bucket: bucket.name, emulator: emulator), in: project.url, environment: project.environment) { model.apply($0) }
        model.finish(exitCode: migration.initExitCode)
        let snapshot = model.snapshot()
        let stored = try bucket.object("teams/backend-service/terraform.tfstate")
        let state = try #require(try JSONSerialization.jsonObject(with: Data(stored.utf8)) as? [String: Any])
        let resources = try #require(state["resources"] as? [[String: Any]])

        #expect(localBefore == ["terraform_data.many[0]", "terraform_data.many[1]", "terraform_data.one"])
        #expect(migration.addressesBefore == localBefore)
        #expect(migration.addressesAfter == localBefore)
        #expect(migration.initExitCode == 0)
        #expect(try bucket.keys() == ["teams/backend-service/terraform.tfstate"])
        #expect(resources.compactMap { $0["name"] as? String }.sorted() == ["many", "one"])
        #expect(!migration.joinedExistingState)
        #expect(snapshot.log.contains("Successfully configured the backend \"s3\"! Terraform will automatically"))
        #expect(snapshot.result == .succeeded)
        #expect(snapshot.phase == .initializing)
        #expect(snapshot.diagnostics.isEmpty)
        #expect(try fileSize(project.url.appendingPathComponent("terraform.tfstate")) == 0)
        #expect(try fileSize(project.url.appendingPathComponent("terraform.tfstate.backup")) > 0)
        #expect(try project.stateList() == localBefore)
    }

    @Test func dynamoDBTableLocksState() throws {
        let emulator = try Emulator()
        let bucket = try EmulatorBucket("berth-table-lock", in: emulator)
        try bucket.createLockTable("terraform-locks")
        let project = try appliedProject("table", emulator: emulator)
        var configuration = settings(bucket: bucket.name, emulator: emulator)
        configuration.locking = .dynamoDBTable("terraform-locks")

        let migration = try project.commands.migrateState(to: configuration, in: project.url, environment: project.environment)
        _ = try project.plan()
        let applyRun = try project.apply()

        #expect(migration.addressesAfter == migration.addressesBefore)
        #expect(applyRun.code == 0)
        #expect(try bucket.keys() == ["teams/backend-service/terraform.tfstate"])
        // Terraform keeps the state's MD5 digest in the table; a lock item exists only during a run.
        #expect(try bucket.lockTableKeys("terraform-locks") == ["berth-table-lock/teams/backend-service/terraform.tfstate-md5"])
    }

    @Test func applyAfterMigrationUsesBucket() throws {
        let emulator = try Emulator()
        let bucket = try EmulatorBucket("berth-second-apply", in: emulator)
        let project = try appliedProject("second", emulator: emulator)
        _ = try project.commands.migrateState(to: settings(bucket: bucket.name, emulator: emulator), in: project.url, environment: project.environment)
        let serialBefore = try serial(bucket)
        try project.folder.write("main.tf", Self.mainTF + "\nresource \"terraform_data\" \"added\" {}\n")

        let planRun = try project.plan()
        let applyRun = try project.apply()
        let serialAfter = try serial(bucket)
        let again = try project.commands.migrateState(to: settings(bucket: bucket.name, emulator: emulator), in: project.url, environment: project.environment)

        #expect(planRun.snapshot.summary == ChangeCounts(add: 1, change: 0, remove: 0, operation: "plan"))
        #expect(applyRun.code == 0)
        #expect(applyRun.snapshot.result == .succeeded)
        #expect(serialAfter > serialBefore)
        #expect(try project.stateList().contains("terraform_data.added"))
        #expect(try bucket.keys() == ["teams/backend-service/terraform.tfstate"])
        #expect(try fileSize(project.url.appendingPathComponent("terraform.tfstate")) == 0)
        #expect(again.addressesBefore.contains("terraform_data.added"))
        #expect(again.addressesAfter == again.addressesBefore)
        #expect(try serial(bucket) == serialAfter)
    }

    @Test func missingBucketChangesNothing() throws {
        let emulator = try Emulator()
        let project = try appliedProject("nobucket", emulator: emulator)
        let localBefore = try project.stateList()
        let stateFile = project.url.appendingPathComponent("terraform.tfstate")
        let stateBefore = try Data(contentsOf: stateFile)

        let error = try migrationError(project, settings(bucket: "berth-no-such-bucket", emulator: emulator))

        guard case let .remoteCheckFailed(failure) = error else {
            Issue.record("expected remoteCheckFailed, got \(error)")
            return
        }
        #expect(failure.location == "s3://berth-no-such-bucket/teams/backend-service/terraform.tfstate")
        #expect(failure.exitCode == 1)
        #expect(failure.message.contains("berth-no-such-bucket"), "\(failure.message)")
        #expect(!FileManager.default.fileExists(atPath: project.url.appendingPathComponent(BackendFileWriter.fileName).path))
        #expect(try Data(contentsOf: stateFile) == stateBefore)
        #expect(try project.stateList() == localBefore)
    }

    @Test func teamStateNeverOverwritten() throws {
        let emulator = try Emulator()
        let bucket = try EmulatorBucket("berth-shared", in: emulator)
        let first = try appliedProject("first", emulator: emulator)
        let teamState = try first.commands.migrateState(to: settings(bucket: bucket.name, emulator: emulator), in: first.url, environment: first.environment).addressesAfter
        let second = try TerraformProject("other", mainTF: "resource \"terraform_data\" \"other\" {}\n")
        second.environment = first.environment
        _ = try second.initialize()
        _ = try second.plan()
        _ = try second.apply()

        let error = try migrationError(second, settings(bucket: bucket.name, emulator: emulator))
        let stored = try bucket.object("teams/backend-service/terraform.tfstate")

        #expect(error == .remoteStateExists(location: "s3://berth-shared/teams/backend-service/terraform.tfstate", addresses: teamState))
        #expect(error.description.contains("copying would overwrite the team's state, so nothing was changed"))
        #expect(stored.contains("\"name\": \"many\""))
        #expect(!stored.contains("\"name\": \"other\""))
        #expect(!FileManager.default.fileExists(atPath: second.url.appendingPathComponent(BackendFileWriter.fileName).path))
        #expect(try second.stateList() == ["terraform_data.other"])
    }

    @Test func emptyFolderJoinsTeamState() throws {
        let emulator = try Emulator()
        let bucket = try EmulatorBucket("berth-join", in: emulator)
        let first = try appliedProject("owner", emulator: emulator)
        let teamState = try first.commands.migrateState(to: settings(bucket: bucket.name, emulator: emulator), in: first.url, environment: first.environment).addressesAfter
        let member = try TerraformProject("member", mainTF: Self.mainTF)
        member.environment = first.environment

        let joined = try member.commands.migrateState(to: settings(bucket: bucket.name, emulator: emulator), in: member.url, environment: member.environment)
        let planRun = try member.plan(detailedExitCode: true)

        #expect(joined.addressesBefore.isEmpty)
        #expect(joined.addressesAfter == teamState)
        #expect(joined.joinedExistingState)
        #expect(planRun.code == 0)
        #expect(planRun.snapshot.summary == ChangeCounts(add: 0, change: 0, remove: 0, operation: "plan"))
    }

    @Test func failedInitRestoresBackendFile() throws {
        let emulator = try Emulator()
        let bucket = try EmulatorBucket("berth-locked", in: emulator)
        let project = try appliedProject("locked", emulator: emulator)
        try project.folder.write("main.tf", Self.mainTF + """

        resource "terraform_data" "slow" {
          provisioner "local-exec" {
            command = "echo started; sleep 30"
          }
        }
        """)
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

        let error = try migrationError(project, settings(bucket: bucket.name, emulator: emulator))
        holder.interrupt()
        holderDone.wait()

        guard case let .initFailed(code, message, restored) = error else {
            Issue.record("expected initFailed, got \(error)")
            return
        }
        #expect(code == 1)
        #expect(restored)
        #expect(message.contains("state lock"), "\(message)")
        #expect(holderCode.value == 1)
        #expect(!FileManager.default.fileExists(atPath: project.url.appendingPathComponent(BackendFileWriter.fileName).path))
        #expect(try bucket.keys().isEmpty)
        #expect(try project.stateList().contains("terraform_data.one"))
    }

    @Test func otherBackendStopsBeforeInit() throws {
        let emulator = try Emulator()
        let project = try appliedProject("otherbackend", emulator: emulator)
        try project.folder.write("backend.tf", "terraform {\n  backend \"local\" {\n    path = \"terraform.tfstate\"\n  }\n}\n")

        let location = BackendBlockLocation(file: "backend.tf", line: 2, kind: "local")

        #expect(throws: BackendFileError.otherBackend(location, all: [location])) {
            try project.commands.migrateState(to: settings(bucket: "berth-unused", emulator: emulator), in: project.url, environment: project.environment)
        }
        #expect(!FileManager.default.fileExists(atPath: project.url.appendingPathComponent(BackendFileWriter.fileName).path))
    }

    /// Runs the migration and returns the error it throws.
    private func migrationError(_ project: TerraformProject, _ configuration: S3BackendConfiguration) throws -> StateMigrationError {
        do {
            let migration = try project.commands.migrateState(to: configuration, in: project.url, environment: project.environment)
            throw RigError("the migration succeeded with \(migration.addressesAfter), but it was expected to fail")
        } catch let error as StateMigrationError {
            return error
        }
    }

    private func serial(_ bucket: EmulatorBucket) throws -> Int {
        let text = try bucket.object("teams/backend-service/terraform.tfstate")
        let state = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require(state["serial"] as? Int)
    }
}
