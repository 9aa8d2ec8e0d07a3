import BerthTUI
import BerthTerraform
import BerthWizard
import Testing

@Suite struct LayoutRobustnessTests {
    static var screens: [Screen] {
        let resources = (0..<40).map {
            ResourceRow(address: "module.svc[\"café-日本\"].aws_ecs_service.r\($0)", action: "create", state: [.planned, .inProgress, .complete, .errored][$0 % 4], elapsedSeconds: Double($0) * 7.5)
        }
        let run = RunSnapshot(
            phase: .applying,
            engine: "Terraform 1.15.5",
            resources: resources,
            log: (0..<80).map { "line \($0) 🚀 " + String(repeating: "x", count: $0) },
            diagnostics: [DiagnosticView(severity: "error", summary: "boom", detail: String(repeating: "detail ", count: 50), address: "a.b", location: "main.tf:3", snippet: ["  resource \"a\" \"b\" {"])],
            summary: ChangeCounts(add: 40, change: 0, remove: 0, operation: "apply"),
            elapsedSeconds: 3_725,
            notice: "stopping safely: waiting for in-flight resources"
        )
        var longTitle = SampleScreens.checks
        longTitle.title = String(repeating: "日本", count: 60)
        longTitle.busy = String(repeating: "busy ", count: 40)
        return [
            Screen(id: "empty", title: ""),
            SampleScreens.fields,
            SampleScreens.checks,
            longTitle,
            SampleScreens.run(run, actions: [ScreenAction(id: "stop", label: "Stop", confirmation: "Stop Terraform?", isDefault: true)]),
            SampleScreens.run(RunSnapshot(phase: .initializing)),
        ]
    }

    static var states: [ScreenUIState] {
        var picker = ScreenUIState()
        picker.focus = .field("region")
        picker.picker = ScreenUIState.Picker(fieldID: "region", filter: "zzz", selection: 5)
        var dialog = ScreenUIState()
        dialog.dialog = .confirm(actionID: "stop")
        var help = ScreenUIState()
        help.dialog = .help(title: "Help", text: String(repeating: "help text ", count: 80))
        var scrolled = ScreenUIState()
        scrolled.bodyScroll = 1_000
        scrolled.resourcesScroll = 1_000
        scrolled.logTop = 3
        scrolled.diagnosticsScroll = 1_000
        scrolled.focus = .pane(.log)
        return [ScreenUIState(), picker, dialog, help, scrolled]
    }

    @Test func everySizeDrawsWithinBounds() {
        let sizes = [(1, 1), (10, 3), (39, 11), (40, 12), (41, 13), (59, 15), (60, 16), (80, 24), (99, 30), (100, 30), (132, 50)]
        for screen in Self.screens {
            for state in Self.states {
                for unicode in [true, false] {
                    for (columns, rows) in sizes {
                        let driver = RecordingDriver(size: TerminalSize(columns: columns, rows: rows), capabilities: TerminalCapabilities(unicode: unicode, colors: false))
                        let layout = ScreenView(screen: screen, state: state, spinnerFrame: 3).render(on: driver)

                        #expect(driver.frame.count == rows)
                        for row in driver.frame {
                            #expect(DisplayWidth.of(row) <= columns, "\(screen.id) at \(columns)x\(rows): \(row)")
                        }
                        var next = state
                        for key in [Key.down, .pageDown, .end, .up, .pageUp, .home, .tab, .character("a"), .backspace, .enter] {
                            _ = KeyHandler(screen: screen, layout: layout).handle(key, state: &next)
                        }
                    }
                }
            }
        }
    }
}
