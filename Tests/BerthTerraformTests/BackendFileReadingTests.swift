import BerthTerraform
import Foundation
import Testing

/// Reading back `berth_backend.tf`, and the local state file that a backend change must keep.
@Suite struct BackendFileReadingTests {
    @Test func writtenFileReadsBackToSameSettings() throws {
        let settings = [
            S3BackendConfiguration(bucket: "team-state", key: "ecs-blueprints/orders/terraform.tfstate", region: "eu-central-1"),
            S3BackendConfiguration(bucket: "team-state", key: "odd \"quoted\" ${key}\\path", region: "us-west-2", locking: .dynamoDBTable("terraform-locks"), encrypt: false,
                                   endpoint: .init(url: URL(string: "http://127.0.0.1:9000")!, usePathStyle: false)),
        ]
        for original in settings {
            #expect(S3BackendConfiguration(backendFileText: original.backendFileContents()) == original)
        }
    }

    @Test func fileWithoutBucketReadsAsNil() {
        #expect(S3BackendConfiguration(backendFileText: "terraform {\n  backend \"s3\" {\n    key = \"a\"\n    region = \"us-west-2\"\n  }\n}\n") == nil)
    }

    @Test func localStateCountsInstancesAndBacksUp() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-local-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try LocalStateFile.read(folder: folder).resourceCount == 0)

        let state = #"{"version":4,"lineage":"abc","resources":[{"name":"one","instances":[{}]},{"name":"many","instances":[{},{}]}]}"#
        try Data(state.utf8).write(to: folder.appendingPathComponent("terraform.tfstate"))
        let local = try LocalStateFile.read(folder: folder)
        let date = Date(timeIntervalSince1970: 1_796_428_800)
        let first = try local.backUp(at: date)
        let second = try local.backUp(at: date)

        #expect(local.resourceCount == 3)
        #expect(local.lineage == "abc")
        #expect(first.lastPathComponent == "terraform.tfstate.20261205-000000")
        #expect(second.lastPathComponent == "terraform.tfstate.20261205-000000-2")
        #expect(try Data(contentsOf: second) == Data(state.utf8))

        try Data().write(to: folder.appendingPathComponent("terraform.tfstate"))
        #expect(try LocalStateFile.read(folder: folder).hasResources == false)
        try Data("not json".utf8).write(to: folder.appendingPathComponent("terraform.tfstate"))
        #expect(throws: LocalStateError.unreadable(path: folder.appendingPathComponent("terraform.tfstate").path)) {
            try LocalStateFile.read(folder: folder)
        }
    }
}
