import BerthTerraform
import BerthTestSupport
import Foundation
import Testing

/// The migration's override for a bucket that already contains another state, after the person
/// confirmed it, with the rig's real Terraform and the emulator's S3.
@Suite struct RemoteStateReplaceTests {
    @Test func confirmedReplaceOverwritesBucketState() throws {
        let emulator = try Emulator()
        let bucket = try EmulatorBucket("berth-replace", in: emulator)
        let settings = S3BackendConfiguration(bucket: bucket.name, key: "old/terraform.tfstate", region: "us-west-2", endpoint: .init(url: emulator.url))
        let first = try TerraformProject("stale", mainTF: "resource \"terraform_data\" \"stale\" {}\n")
        first.environment.merge(EmulatorBucket.environment(emulator)) { _, new in new }
        _ = try first.initialize()
        _ = try first.plan()
        _ = try first.apply()
        _ = try first.commands.migrateState(to: settings, in: first.url, environment: first.environment)
        let second = try TerraformProject("current", mainTF: "resource \"terraform_data\" \"current\" {}\n")
        second.environment = first.environment
        _ = try second.initialize()
        _ = try second.plan()
        _ = try second.apply()

        let replaced = try second.commands.migrateState(to: settings, in: second.url, environment: second.environment, replacingRemoteState: true)
        let stored = try bucket.object("old/terraform.tfstate")

        #expect(replaced.addressesBefore == ["terraform_data.current"])
        #expect(replaced.addressesAfter == ["terraform_data.current"])
        #expect(!replaced.joinedExistingState)
        #expect(stored.contains("\"name\": \"current\""))
        #expect(!stored.contains("\"name\": \"stale\""))
    }
}
