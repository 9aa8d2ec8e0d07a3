import BerthTestSupport
import Foundation
import Testing

/// `berth view FILE` in a real terminal: a recorded apply with an error, drawn in the run panes.
@Suite struct ViewCommandTerminalTests {
    private static let record = Rig.packageRoot.appendingPathComponent("Tests/BerthTerraformTests/Fixtures/c23-partial-apply.jsonl")
    private static let detail = "ConfigurationException: AWS CodeStar Notifications could not create the AWS CloudWatch Events managed rule in your AWS account."

    @Test(arguments: ["q", "Escape", "Enter"])
    func recordedApplyShownThenClosed(_ closeKey: String) throws {
        let berth = try BerthBinary.require()
        let session = try TmuxSession(["sh"], width: 170, height: 40)
        defer { session.kill() }
        try session.send(text: "echo ready-$((20 + 1))")
        try session.send(keys: "Enter")
        try session.waitFor(text: "ready-21")

        try session.send(text: "'\(berth.path)' view '\(Self.record.path)'; echo \"view-status=$?\"")
        try session.send(keys: "Enter")
        let screen = try session.waitFor(text: "Saved run: c23-partial-apply.jsonl", timeout: 20)

        #expect(screen.contains("module.ecs_service_definition.aws_ecs_service.this[0]"), "the finished resource is listed")
        #expect(screen.contains("module.codepipeline.aws_codestarnotifications_notification_rule.this"), "the failed resource is listed")
        #expect(screen.contains("creating CodeStar Notification Rule"), "the diagnostic summary is shown")
        #expect(Self.flattened(screen).contains(Self.detail), "the full diagnostic detail is shown; screen:\n\(screen)")
        #expect(screen.contains("Close"))

        try session.send(keys: closeKey)
        let after = try session.waitFor(text: "view-status=1")
        #expect(!after.contains("Saved run:"), "the alternate screen is left")
        try session.send(text: "echo shell-$((40 + 2))")
        try session.send(keys: "Enter")
        try session.waitFor(text: "shell-42")
    }

    /// With `--plain`, or when the output is not a terminal, the summary is printed as text.
    @Test(arguments: [["view", "--plain"], ["view"]])
    func plainViewPrintsSummary(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = try BerthBinary.require()
        process.arguments = arguments + [Self.record.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationStatus == 1)
        #expect(text.hasPrefix("c23-partial-apply.jsonl\n"))
        #expect(text.contains("Failed resources:\n  module.codepipeline.aws_codestarnotifications_notification_rule.this (create, 2s)"))
        #expect(text.contains(Self.detail))
    }

    /// A file without Terraform events, or a folder, is refused with status 2 and the reason.
    @Test(arguments: [("garbage\n{\"type\":\"x\"}\n\u{1B}[31mfoo\n", "no Terraform -json events"), ("", "is a folder, not a file")])
    func nonRunRefused(_ content: String, _ expected: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-view-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var target = folder
        if !content.isEmpty {
            target = folder.appendingPathComponent("garbage.jsonl")
            try content.write(to: target, atomically: true, encoding: .utf8)
        }

        let process = Process()
        process.executableURL = try BerthBinary.require()
        process.arguments = ["view", "--plain", target.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationStatus == 2)
        #expect(!text.contains("succeeded"))
        #expect(message.contains(expected), "stderr: \(message)")
        #expect(message.contains(target.path))
        #expect(!message.contains("NSCocoaErrorDomain"))
    }

    /// The screen text with pane borders removed and wrapped lines joined, so text that
    /// wraps inside a pane can be found whole.
    private static func flattened(_ screen: String) -> String {
        let borders = CharacterSet(charactersIn: "│┃║|─━┌┐└┘├┤┬┴┼╭╮╯╰▲▼█░")
        let words = screen
            .components(separatedBy: "\n")
            .map { String(String.UnicodeScalarView($0.unicodeScalars.filter { !borders.contains($0) })) }
            .joined(separator: " ")
            .split(whereSeparator: { $0 == " " })
        return words.joined(separator: " ")
    }
}
