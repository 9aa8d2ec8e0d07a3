@testable import BerthTUI
import BerthTerraform
import BerthWizard
import Testing

@Suite struct RunPaneTests {
    static let size = TerminalSize(columns: 80, rows: 24)

    @Test func zeroResourcesShowNoPercentage() {
        let snapshot = RunSnapshot(phase: .planned, engine: "Terraform 1.15.5", summary: ChangeCounts(add: 0, change: 0, remove: 0, operation: "plan"), elapsedSeconds: 2.5)
        let driver = render(SampleScreens.run(snapshot), size: Self.size)

        #expect(driver.frame[2] == "  Planned · Terraform 1.15.5 · 2.5s")
        #expect(driver.frame[3] == "  no resource changes")
        #expect(driver.frame[4] == "  Plan: 0 to add, 0 to change, 0 to destroy")
        #expect(driver.frameText.contains("No resources to show yet."))
        #expect(!driver.frameText.contains("%"))
        #expect(!driver.frameText.contains("nan"))
    }

    @Test func headerCountsAndProgressBar() {
        let snapshot = RunSnapshot(phase: .applying, resources: [
            ResourceRow(address: "a.one", action: "create", state: .complete, elapsedSeconds: 1),
            ResourceRow(address: "a.two", action: "create", state: .errored, elapsedSeconds: 2),
            ResourceRow(address: "a.three", action: "create", state: .inProgress, elapsedSeconds: 3),
            ResourceRow(address: "a.four", action: "create", state: .planned),
        ], elapsedSeconds: 125)
        let driver = render(SampleScreens.run(snapshot), size: Self.size)

        #expect(driver.frame[2] == "  Applying · 2m 05s")
        #expect(driver.frame[3] == "  planned 1  in progress 1  done 1  failed 1  ██████████░░░░░░░░░░ 50%")
    }

    @Test func inProgressRowsStayVisibleWhenScrolled() {
        var resources = (0..<200).map { ResourceRow(address: "module.svc.aws_thing.done_\($0)", action: "create", state: .complete, elapsedSeconds: 1) }
        resources += (0..<3).map { ResourceRow(address: "module.svc.aws_thing.running_\($0)", action: "update", state: .inProgress, elapsedSeconds: Double($0)) }
        var state = ScreenUIState()
        state.resourcesScroll = 150
        let driver = render(SampleScreens.run(RunSnapshot(phase: .applying, resources: resources)), size: Self.size, state: state)

        let text = driver.frameText
        #expect(text.contains("In progress (3)"))
        for index in 0..<3 {
            #expect(text.contains("module.svc.aws_thing.running_\(index)"), "running_\(index) is hidden")
        }
        #expect(text.contains("done_150"))
        #expect(!text.contains("done_0 "))
    }

    @Test func manyInProgressRowsSayHowManyAreHidden() {
        let resources = (0..<20).map { ResourceRow(address: "aws_thing.running_\($0)", action: "create", state: .inProgress) }
        let driver = render(SampleScreens.run(RunSnapshot(phase: .applying, resources: resources)), size: Self.size)

        #expect(driver.frameText.contains("more in progress"))
    }

    @Test func longDiagnosticWrapsFully() {
        let detail = (1...40).map { "word\($0)" }.joined(separator: " ") + " 🚀 module.svc[\"café-日本\"].aws_ecs_service.this"
        let snapshot = RunSnapshot(phase: .failed, diagnostics: [
            DiagnosticView(severity: "error", summary: "creating ECS Service", detail: detail, address: "module.svc.aws_ecs_service.this"),
        ])
        let driver = render(SampleScreens.run(snapshot), size: TerminalSize(columns: 80, rows: 40))

        let text = driver.frameText
        for index in 1...40 {
            #expect(text.contains("word\(index)"), "word\(index) is missing")
        }
        #expect(text.contains("word40 🚀"))
        #expect(text.contains("module.svc[\"café-日本\"].aws_ecs_service.this"))
        #expect(text.contains("Error: creating ECS Service"))
        #expect(!text.contains("…"))
    }

    @Test func diagnosticsScrollToEveryLine() {
        let detail = (1...60).map { "word\($0)" }.joined(separator: " ")
        let screen = SampleScreens.run(RunSnapshot(phase: .failed, diagnostics: [DiagnosticView(severity: "error", summary: "boom", detail: detail)]))
        let driver = RecordingDriver(size: Self.size)
        var state = ScreenUIState()
        state.focus = .pane(.diagnostics)

        var seen = ""
        for _ in 0..<20 {
            let layout = ScreenView(screen: screen, state: state).render(on: driver)
            seen += driver.frameText
            _ = KeyHandler(screen: screen, layout: layout).handle(.down, state: &state)
        }
        let words = Set(seen.split { $0 == " " || $0 == "\n" || $0 == "│" })
        for index in 1...60 {
            #expect(words.contains("word\(index)"), "word\(index) never shown")
        }
        #expect(state.diagnosticsScroll > 0)
    }

    /// The title counts resources, and the scroll note counts rows (group headings included).
    @Test func resourceTitleCountsRowsApart() throws {
        let done = (0..<26).map { ResourceRow(address: "aws_thing.r\($0)", action: "create", state: .complete) }
        let snapshot = RunSnapshot(phase: .applying, resources: done, log: ["started"])
        let driver = render(SampleScreens.run(snapshot), size: Self.size)

        let row = try #require(driver.row(containing: "Resources (26)"))
        let title = driver.frame[row]
        #expect(title.contains("Resources (26), rows 1-"), "title: \(title)")
        #expect(title.contains(" of 27"), "title: \(title)")
        #expect(!title.contains("(26) 1-"), "title: \(title)")
    }

    @Test func driftLineNamesWhatFits() throws {
        let drifted = (0..<12).map { "module.service.aws_thing.drifted_\($0)" }
        var snapshot = RunSnapshot(phase: .planned, resources: [ResourceRow(address: "a.b", action: "update", state: .planned)])
        snapshot.drift = drifted
        let driver = render(SampleScreens.run(snapshot), size: Self.size)

        let row = try #require(driver.row(containing: "Changed outside Terraform: module.service.aws_thing.drifted_0"))
        let line = driver.frame[row]
        #expect(line.contains(" and "), "line: \(line)")
        #expect(line.trimmingCharacters(in: .whitespaces).hasSuffix(" more"), "line: \(line)")
        #expect(!line.contains("drifted_11"), "line: \(line)")
        #expect(RunPaneView.driftLine(["a.b"], width: 80) == "Changed outside Terraform: a.b")
        #expect(RunPaneView.driftLine(drifted, width: 10) == "Changed outside Terraform: 12 resources")
    }

    @Test func panesSideBySideWhenWide() throws {
        let snapshot = RunSnapshot(phase: .applying, resources: [ResourceRow(address: "a.b", action: "create", state: .inProgress)], log: ["started"])
        let wide = render(SampleScreens.run(snapshot), size: TerminalSize(columns: 120, rows: 30))
        let narrow = render(SampleScreens.run(snapshot), size: Self.size)

        let wideResources = try #require(wide.row(containing: "Resources (1)"))
        let wideLog = try #require(wide.row(containing: "─ Log ─"))
        #expect(wideResources == wideLog)

        let narrowResources = try #require(narrow.row(containing: "Resources (1)"))
        let narrowLog = try #require(narrow.row(containing: "─ Log ─"))
        #expect(narrowLog > narrowResources)
    }

    @Test func logFollowsTailUnlessScrolledUp() throws {
        var snapshot = RunSnapshot(phase: .applying, log: (0..<50).map { "log line \($0)" })
        let driver = RecordingDriver(size: Self.size)
        var state = ScreenUIState()
        state.focus = .pane(.log)

        var layout = ScreenView(screen: SampleScreens.run(snapshot), state: state).render(on: driver)
        #expect(driver.frameText.contains("log line 49"))

        _ = KeyHandler(screen: SampleScreens.run(snapshot), layout: layout).handle(.pageUp, state: &state)
        layout = ScreenView(screen: SampleScreens.run(snapshot), state: state).render(on: driver)
        #expect(!driver.frameText.contains("log line 49"))
        let top = try #require(state.logTop)

        snapshot.log += (50..<60).map { "log line \($0)" }
        layout = ScreenView(screen: SampleScreens.run(snapshot), state: state).render(on: driver)
        #expect(state.logTop == top)
        #expect(!driver.frameText.contains("log line 59"))
        #expect(driver.frameText.contains("Log (scrolled, End follows)"))

        _ = KeyHandler(screen: SampleScreens.run(snapshot), layout: layout).handle(.end, state: &state)
        ScreenView(screen: SampleScreens.run(snapshot), state: state).render(on: driver)
        #expect(state.logTop == nil)
        #expect(driver.frameText.contains("log line 59"))
    }

    @Test func noticeShownInHeader() {
        let snapshot = RunSnapshot(phase: .applying, notice: "stopping safely: waiting for in-flight resources")
        let driver = render(SampleScreens.run(snapshot), size: Self.size)

        #expect(driver.frame[4] == "  stopping safely: waiting for in-flight resources")
        #expect(driver.style(row: 4, column: 2) == .warning)
        #expect(driver.frame[23].hasSuffix("Ctrl-C stop"))
    }
}
