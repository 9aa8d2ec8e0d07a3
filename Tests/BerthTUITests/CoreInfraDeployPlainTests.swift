import BerthTestSupport
import BerthTUI
import BerthWizard
import Foundation
import Testing

/// The core-infra deploy in plain mode (`--plain`): line prompts against an emulator that contains
/// no core-infra, with the real Terraform applying a copy of `sandbox/core-infra`.
@Suite struct CoreInfraDeployPlainTests {
    @Test func plainModeDeploysCoreInfraAfterARefusal() throws {
        let emulator = try Emulator()
        let root = try TemporaryFolder(prefix: "core-infra-plain")
        defer { root.remove() }
        let blueprint = try Sandbox.copy(to: root.file("backend-service"))
        try Sandbox.writeFilledTfvars(in: blueprint)
        let coreInfra = root.file("core-infra")
        try FileManager.default.copyItem(at: Rig.packageRoot.appendingPathComponent("sandbox/core-infra"), to: coreInfra)
        let home = root.file("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)

        var environment = try emulator.isolatedEnvironment(home: home)
        environment["BERTH_ROOT"] = Rig.packageRoot.path
        environment["BERTH_RIG"] = Rig.folder.path
        environment["CHECKPOINT_DISABLE"] = "1"
        let configuration = WizardSetup(
            folder: blueprint, profile: nil, region: nil, enginePath: Rig.terraform.path,
            environment: environment, homeDirectory: home.path
        ).makeConfiguration()
        let controller = WizardController(configuration: configuration)
        controller.start()

        // The first folder typed has a variables.tf but is the service blueprint. The second is core-infra.
        let input = AnsweringInput(folders: [blueprint.path, "../core-infra"])
        let renderer = PlainRenderer(source: controller, input: input, output: { input.record($0) })
        _ = renderer.run()

        let transcript = input.transcript.joined(separator: "\n")
        #expect(transcript.contains("== Step 3 of 11: Core infrastructure"), "\(transcript.suffix(3000))")
        #expect(transcript.contains("Deploy core-infra now (default)"))
        #expect(transcript.contains("is the service blueprint's own folder, not core-infra"))
        #expect(transcript.contains("== Step 3 of 11: Deploy core-infra: plan review"))
        #expect(transcript.contains("Plan: 8 to add, 0 to change, 0 to destroy"))
        #expect(transcript.contains("create terraform_data.ecs_cluster: complete"), "the apply's progress lines are missing")
        #expect(transcript.contains("Deployed core-infra ecs-blueprint-infra from \(coreInfra.path)"), "\(transcript.suffix(3000))")
        #expect(input.questions.count == 2, "confirmations asked: \(input.questions)")
        #expect(input.questions.first?.contains("ECS cluster ecs-blueprint-infra") == true)
        #expect(controller.currentStep == .codestarRole)

        let clusters = try emulator.call("ecs", "describe_clusters", ["clusters": ["ecs-blueprint-infra"]])
        #expect((clusters["clusters"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String } == ["ACTIVE"])
    }
}

/// Answers the plain renderer's prompts by what they ask: the default for every choice, the
/// next folder for the core-infra folder field, and yes to confirmations. Input ends once the
/// CodeStar role step shows, which ends the run there.
private final class AnsweringInput: PlainInput, @unchecked Sendable {
    private let lock = NSLock()
    private var folders: [String]
    private var lines: [String] = []
    private var asked: [String] = []

    init(folders: [String]) {
        self.folders = folders
    }

    var transcript: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }

    var questions: [String] {
        lock.lock()
        defer { lock.unlock() }
        return asked
    }

    func record(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    func readLine() -> String? {
        lock.lock()
        defer { lock.unlock() }
        if lines.contains(where: { $0.contains("CodeStar Notifications role") }) {
            return nil
        }
        if lines.last?.hasPrefix("core-infra folder") == true, !folders.isEmpty {
            return folders.removeFirst()
        }
        return ""
    }

    func confirm(_ question: String) -> Bool? {
        lock.lock()
        asked.append(question)
        lock.unlock()
        return true
    }

    func readSecret(_ prompt: String) -> String? {
        nil
    }
}
