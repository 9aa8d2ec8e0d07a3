import BerthTerraform
import Foundation
import Testing

/// `RunReplay.requireResult(in:)`: a file that is not a Terraform `-json` run with a result is refused.
@Suite struct RunReplayResultTests {
    @Test(arguments: [
        "garbage\n{\"type\":\"x\"}\n\u{1B}[31mfoo\n",
        "\u{00}\u{07}\u{FF}\u{1B}random\u{02}bytes",
        "",
    ])
    func fileWithoutEventsRefused(_ text: String) throws {
        let folder = try TemporaryFolder("replay-empty")
        let file = try folder.write("notes.jsonl", text)

        let error = try #require(throws: RunReplayError.self) { try RunReplay.requireResult(in: file) }

        #expect(error.message.contains(file.path))
        #expect(error.message.contains("no Terraform -json events"))
        #expect(error.message.contains(".berth/runs/<time>-apply.jsonl"))
        #expect(error.message.contains("terraform apply -json"))
    }

    @Test func versionLineWithoutResultRefused() throws {
        let folder = try TemporaryFolder("replay-cut")
        let file = try folder.write("cut.jsonl", "{\"@level\":\"info\",\"@message\":\"Terraform 1.15.5\",\"type\":\"version\",\"terraform\":\"1.15.5\",\"ui\":\"1.2\"}\n")

        let error = try #require(throws: RunReplayError.self) { try RunReplay.requireResult(in: file) }

        #expect(error.message.contains("no result"))
    }

    @Test(arguments: ["c23-partial-apply.jsonl", "c24-state-lock.jsonl", "c27-drift-only.jsonl"])
    func recordedRunAccepted(_ name: String) throws {
        try RunReplay.requireResult(in: Fixture.url(name))
    }
}
