import BerthTerraform
import Testing

@Suite struct RunSnapshotTests {
    @Test func progressWithNoResourcesIsZero() {
        let snapshot = RunSnapshot(phase: .planned)
        #expect(snapshot.progress == 0)
    }

    @Test func progressCountsFinishedResources() {
        let snapshot = RunSnapshot(phase: .applying, resources: [
            ResourceRow(address: "terraform_data.a", action: "create", state: .complete),
            ResourceRow(address: "terraform_data.b", action: "create", state: .errored),
            ResourceRow(address: "terraform_data.c", action: "create", state: .inProgress),
            ResourceRow(address: "terraform_data.d", action: "create", state: .planned),
        ])
        #expect(snapshot.progress == 0.5)
    }
}
