import BerthTerraform
import BerthTUI
import BerthWizard
import Foundation

/// A screen source that records intents and lets a test change the screen.
final class FakeScreenSource: ScreenSource, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Screen
    private(set) var intents: [WizardIntent] = []
    var onChange: (() -> Void)?
    /// Runs for each intent, after it is recorded, so a test can react like the wizard.
    var react: ((WizardIntent, FakeScreenSource) -> Void)?

    init(_ screen: Screen) {
        current = screen
    }

    var screen: Screen {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func handle(_ intent: WizardIntent) {
        lock.lock()
        intents.append(intent)
        lock.unlock()
        react?(intent, self)
    }

    func update(_ change: (inout Screen) -> Void) {
        lock.lock()
        change(&current)
        lock.unlock()
        onChange?()
    }
}

/// Screens used by several tests.
enum SampleScreens {
    static let fields = Screen(
        id: "fields",
        title: "Service settings",
        stepNumber: 6,
        stepCount: 9,
        blocks: [.paragraph("These values go into terraform.tfvars.", .normal)],
        fields: [
            FormField(id: "service_name", label: "Service name", value: "backend", help: "Lower-case letters, digits and hyphens.", required: true),
            FormField(id: "github_token", label: "GitHub token", kind: .secret, help: "Stored in Secrets Manager, never on disk.", required: true),
            FormField(id: "region", label: "Region", kind: .choice(["us-east-1", "us-west-2", "eu-west-1"]), value: "us-west-2", help: "Where core-infra runs."),
        ],
        actions: [
            ScreenAction(id: "back", label: "Back"),
            ScreenAction(id: "continue", label: "Continue", isDefault: true),
        ]
    )

    static let checks = Screen(
        id: "core-infra",
        title: "Core infrastructure",
        stepNumber: 2,
        stepCount: 9,
        blocks: [
            .table([KeyValueRow("Account", "123456789012"), KeyValueRow("Region", "us-west-2")]),
            .checks([
                CheckRow(id: "core.vpc", title: "VPC", status: .pass, detail: "vpc-0abc"),
                CheckRow(id: "core.cluster", title: "ECS cluster", status: .fail, detail: "core-infra not found", fix: "Deploy core-infra first, or pick the cluster named after your core-infra folder (core-infra-dev)."),
                CheckRow(id: "core.namespace", title: "Namespace", status: .running),
            ]),
        ],
        actions: [
            ScreenAction(id: "back", label: "Back"),
            ScreenAction(id: "recheck", label: "Check again"),
            ScreenAction(id: "continue", label: "Continue", enabled: false, isDefault: true),
        ]
    )

    static func run(_ snapshot: RunSnapshot, actions: [ScreenAction] = []) -> Screen {
        Screen(id: "apply", title: "Apply", stepNumber: 9, stepCount: 9, blocks: [.run(snapshot)], actions: actions)
    }
}
