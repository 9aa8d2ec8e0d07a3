import BerthTestSupport
import BerthTUI
import BerthWizard
import Foundation
import Testing

/// The state storage screen in plain mode: line prompts against the emulator's S3 and the
/// rig's real Terraform, each answered according to its text.
@Suite struct StateStoragePlainTests {
    /// Answers a plain renderer's prompts from the transcript: the number of a named action
    /// once, a value for a named field, and Enter (the default) for everything else.
    final class PromptAnswers: PlainInput {
        private let lock = NSLock()
        private var lines: [String] = []
        private var pending: [(action: String, used: Bool)]
        /// Values for the fields whose prompt starts with the key, one per time asked; the last repeats.
        private var fieldAnswers: [String: [String]]
        private(set) var questions: [String] = []
        /// Ends the input once a line contains this text.
        private let endMarker: String

        init(actions: [String], fields: [String: [String]], endMarker: String) {
            pending = actions.map { ($0, false) }
            fieldAnswers = fields
            self.endMarker = endMarker
        }

        var transcript: String {
            lock.lock()
            defer { lock.unlock() }
            return lines.joined(separator: "\n")
        }

        func record(_ line: String) {
            lock.lock()
            lines.append(line)
            lock.unlock()
        }

        func readLine() -> String? {
            lock.lock()
            defer { lock.unlock() }
            guard let prompt = lines.last else { return "" }
            if lines.contains(where: { $0.contains(endMarker) }) { return nil }
            for (label, answers) in fieldAnswers where prompt.hasPrefix(label) {
                if answers.count > 1 { fieldAnswers[label] = Array(answers.dropFirst()) }
                return answers.first
            }
            guard prompt.hasPrefix("Choose 1-") else { return "" }
            // The numbered actions are the lines just above the prompt.
            let offered = lines.reversed().dropFirst().prefix { $0.hasPrefix("  ") && $0.contains(". ") }
            for index in pending.indices where !pending[index].used {
                if let line = offered.first(where: { $0.contains(". \(pending[index].action)") }) {
                    pending[index].used = true
                    return String(line.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber })
                }
            }
            return ""
        }

        func confirm(_ question: String) -> Bool? {
            lock.lock()
            questions.append(question)
            lock.unlock()
            return true
        }

        func readSecret(_ prompt: String) -> String? { nil }
    }

    @Test func plainPromptsWriteTheBackend() throws {
        try Rig.require()
        let emulator = try Emulator()
        try emulator.seed(["--with-secret", "--with-role"])
        try EmulatorS3(emulator).createBucket("berth-plain-state")
        let folder = try TemporaryFolder(prefix: "state-storage-plain")
        let blueprint = try Sandbox.copy(to: folder.url.appendingPathComponent("backend-service"))
        try Sandbox.writeFilledTfvars(in: blueprint)
        let environment = try emulator.isolatedEnvironment(home: folder.url)
        let configuration = WizardSetup(folder: blueprint, profile: nil, region: "us-west-2", enginePath: Rig.terraform.path,
                                        environment: environment, homeDirectory: folder.url.path).makeConfiguration()
        let controller = WizardController(configuration: configuration, mode: .redeploy)
        controller.start()
        let answers = PromptAnswers(
            actions: ["State storage", "Use an S3 bucket", "Write backend file", "Back to review"],
            fields: ["S3 bucket": ["berth-plain-missing", "berth-plain-state"]],
            endMarker: "to add, 0 to change")

        let status = PlainRenderer(source: controller, input: answers, output: { answers.record($0) }).run()

        let transcript = answers.transcript
        let backend = blueprint.appendingPathComponent("berth_backend.tf")
        #expect(status == 1, "the input ends at the plan review")
        #expect(transcript.contains("== Step 7 of 11: State storage"), "\(transcript)")
        #expect(transcript.contains("FAIL    Bucket: there is no bucket named berth-plain-missing (S3 answered 404 Not Found)"))
        #expect(transcript.contains("  ! S3 bucket: no bucket named berth-plain-missing exists; create it or correct the name"))
        #expect(transcript.contains("Bucket: berth-plain-state exists in us-west-2 and these credentials can reach it"))
        #expect(transcript.contains("Wrote berth_backend.tf: Terraform now keeps this blueprint's state at s3://berth-plain-state/ecs-blueprints/ecsdemo-nodejs/terraform.tfstate (us-west-2)."))
        #expect(answers.questions.contains { $0.hasPrefix("Write \(backend.path) so that Terraform keeps this blueprint's state at s3://berth-plain-state/") })
        #expect(transcript.contains("Terraform state  s3://berth-plain-state/ecs-blueprints/ecsdemo-nodejs/terraform.tfstate in us-west-2 (berth_backend.tf)"))
        #expect(try String(contentsOf: backend, encoding: .utf8).contains("bucket       = \"berth-plain-state\""))
    }
}
