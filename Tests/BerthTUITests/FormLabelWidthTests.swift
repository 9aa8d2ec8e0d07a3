import BerthTUI
import BerthWizard
import Testing

/// The label column of a form beside the value boxes.
@Suite struct FormLabelWidthTests {
    private static let screen = Screen(id: "fields", title: "Blueprint variables", fields: [
        FormField(id: "ecs_task_execution_role_name", label: "ecs_task_execution_role_name", value: ""),
        FormField(id: "cpu", label: "cpu", value: "256", required: true),
    ])

    @Test(arguments: [80, 100])
    func longBlueprintLabelShowsWhole(_ columns: Int) {
        let driver = render(Self.screen, size: TerminalSize(columns: columns, rows: 24))

        #expect(driver.frame.contains { $0.hasPrefix("  ecs_task_execution_role_name  [") }, "\(driver.frame.joined(separator: "\n"))")
        #expect(driver.frame.contains { $0.hasPrefix("  cpu *                         [256") }, "\(driver.frame.joined(separator: "\n"))")
    }

    @Test func narrowTerminalKeepsShorterLabelColumn() {
        let driver = render(Self.screen, size: TerminalSize(columns: 60, rows: 24))

        #expect(driver.frame.contains { $0.hasPrefix("  ecs_task_execution_role_n…  [") }, "\(driver.frame.joined(separator: "\n"))")
    }
}
