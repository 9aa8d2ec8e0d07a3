import BerthTerraform
import Foundation

/// Draws a Terraform run: a header with phase, counts, elapsed time and a
/// progress bar, then the resources, log and diagnostics panes. Panes sit
/// side by side when the area is wide and stacked when it is narrow.
struct RunPaneView {
    /// Sizes the key handler needs to page and clamp scrolling.
    struct Layout: Equatable {
        var visibleRows: [RunPane: Int] = [:]
        var contentRows: [RunPane: Int] = [:]
    }

    /// The width from which the resources and log panes sit side by side.
    static let sideBySideWidth = 100

    let snapshot: RunSnapshot
    let state: ScreenUIState
    let focus: FocusTarget?
    let spinnerFrame: Int

    func draw(on canvas: Canvas, in rect: Rect) -> Layout {
        var layout = Layout()
        let headerLines = header(glyphs: canvas.glyphs, width: rect.width)
        for (index, line) in headerLines.enumerated() where index < rect.height {
            for segment in line.segments {
                canvas.text(segment.text, row: rect.row + index, column: rect.column + segment.column, style: segment.style)
            }
        }

        let paneArea = Rect(row: rect.row + headerLines.count, column: rect.column, width: rect.width, height: rect.height - headerLines.count)
        for (pane, paneRect) in paneRects(in: paneArea) {
            guard paneRect.height >= 3, paneRect.width >= 8 else { continue }
            let focused = focus == .pane(pane)
            // One column of padding inside the border keeps text off the lines.
            let bordered = paneRect.inset(by: 1)
            let inner = Rect(row: bordered.row, column: bordered.column + 1, width: bordered.width - 2, height: bordered.height)
            let content = canvas.clipped(to: inner)
            let rows: (visible: Int, total: Int, title: String)
            switch pane {
            case .resources:
                rows = drawResources(on: content, in: inner)
            case .log:
                rows = drawLog(on: content, in: inner)
            case .diagnostics:
                rows = drawDiagnostics(on: content, in: inner)
            }
            canvas.box(paneRect, title: rows.title, titleStyle: focused ? .focused : .emphasis)
            layout.visibleRows[pane] = rows.visible
            layout.contentRows[pane] = rows.total
        }
        return layout
    }

    // MARK: Header

    private func header(glyphs: Glyphs, width: Int) -> [BodyLine] {
        let counts = Dictionary(grouping: snapshot.resources, by: \.state).mapValues(\.count)
        let separator = " " + glyphs.bullet + " "

        var first = Self.phaseTitle(snapshot.phase)
        if !snapshot.engine.isEmpty {
            first += separator + snapshot.engine
        }
        first += separator + Self.formatDuration(snapshot.elapsedSeconds)
        var lines = [BodyLine(column: 0, text: first, style: snapshot.phase == .failed ? .error : .emphasis)]

        let countText = "planned \(counts[.planned] ?? 0)  in progress \(counts[.inProgress] ?? 0)  done \(counts[.complete] ?? 0)  failed \(counts[.errored] ?? 0)"
        var second = BodyLine(column: 0, text: countText, style: (counts[.errored] ?? 0) > 0 ? .warning : .normal)
        let barWidth = min(20, width - DisplayWidth.of(countText) - 8)
        if snapshot.resources.isEmpty {
            second.segments[0].text = snapshot.phase == .initializing ? "preparing" + String(glyphs.ellipsis) : "no resource changes"
        } else if barWidth >= 5 {
            let ratio = min(max(snapshot.progress.isFinite ? snapshot.progress : 0, 0), 1)
            let filled = Int((ratio * Double(barWidth)).rounded(.down))
            let bar = String(repeating: glyphs.progressFull, count: filled) + String(repeating: glyphs.progressEmpty, count: barWidth - filled)
            let percent = "\(Int((ratio * 100).rounded(.down)))%"
            second.segments.append(.init(column: DisplayWidth.of(countText) + 2, text: bar + " " + percent, style: .success))
        }
        lines.append(second)

        if let notice = snapshot.notice, !notice.isEmpty {
            lines.append(BodyLine(column: 0, text: notice, style: .warning))
        } else if let summary = snapshot.summary {
            let verb = summary.operation == "destroy" ? "Destroy" : (summary.operation == "apply" ? "Apply" : "Plan")
            lines.append(BodyLine(column: 0, text: "\(verb): \(summary.add) to add, \(summary.change) to change, \(summary.remove) to destroy", style: .normal))
        }
        if !snapshot.drift.isEmpty {
            lines.append(BodyLine(column: 0, text: Self.driftLine(snapshot.drift, width: width), style: .warning))
        }
        return lines
    }

    /// Names the resources changed outside Terraform, as many as fit in `width`.
    static func driftLine(_ addresses: [String], width: Int) -> String {
        let lead = "Changed outside Terraform: "
        for listed in stride(from: addresses.count, through: 1, by: -1) {
            let rest = addresses.count - listed
            let line = lead + addresses.prefix(listed).joined(separator: ", ") + (rest == 0 ? "" : " and \(rest) more")
            if DisplayWidth.of(line) <= width {
                return line
            }
        }
        return lead + "\(addresses.count) resource\(addresses.count == 1 ? "" : "s")"
    }

    static func phaseTitle(_ phase: RunSnapshot.Phase) -> String {
        switch phase {
        case .initializing: return "Initializing"
        case .planning: return "Planning"
        case .planned: return "Planned"
        case .applying: return "Applying"
        case .applied: return "Applied"
        case .failed: return "Failed"
        case .interrupted: return "Interrupted"
        }
    }

    /// Formats seconds as `4.2s` under a minute and `3m 05s` above.
    static func formatDuration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "0.0s" }
        if seconds < 60 {
            return String(format: "%.1fs", seconds)
        }
        let whole = Int(seconds)
        return String(format: "%dm %02ds", whole / 60, whole % 60)
    }

    // MARK: Layout

    private func paneRects(in area: Rect) -> [(RunPane, Rect)] {
        let hasDiagnostics = !snapshot.diagnostics.isEmpty

        if area.width >= Self.sideBySideWidth {
            let topHeight = hasDiagnostics ? max(area.height / 2, 3) : area.height
            let resourcesWidth = area.width * 3 / 5
            var rects: [(RunPane, Rect)] = [
                (.resources, Rect(row: area.row, column: area.column, width: resourcesWidth, height: topHeight)),
                (.log, Rect(row: area.row, column: area.column + resourcesWidth + 1, width: area.width - resourcesWidth - 1, height: topHeight)),
            ]
            if hasDiagnostics {
                rects.append((.diagnostics, Rect(row: area.row + topHeight, column: area.column, width: area.width, height: area.height - topHeight)))
            }
            return rects
        }

        // The resources pane takes no more rows than it has content, and the rest goes to the others.
        let groups = Set(snapshot.resources.map(\.state)).count
        let resourcesShare = area.height * (hasDiagnostics ? 4 : 3) / (hasDiagnostics ? 10 : 5)
        let resourcesHeight = max(min(resourcesShare, snapshot.resources.count + groups + 2), 3)
        var rects: [(RunPane, Rect)] = [(.resources, Rect(row: area.row, column: area.column, width: area.width, height: resourcesHeight))]

        var row = area.row + resourcesHeight
        let remaining = area.bottom - row
        if hasDiagnostics {
            let diagnosticsHeight = remaining * 3 / 5
            rects.append((.diagnostics, Rect(row: row, column: area.column, width: area.width, height: diagnosticsHeight)))
            row += diagnosticsHeight
        }
        rects.append((.log, Rect(row: row, column: area.column, width: area.width, height: area.bottom - row)))
        return rects
    }

    // MARK: Resources

    private func drawResources(on canvas: Canvas, in rect: Rect) -> (visible: Int, total: Int, title: String) {
        let title = "Resources (\(snapshot.resources.count))"
        guard !snapshot.resources.isEmpty else {
            canvas.text("No resources to show yet.", row: rect.row, column: rect.column, style: .dim)
            return (rect.height, 0, title)
        }

        let running = snapshot.resources.filter { $0.state == .inProgress }
        var pinned: [(String, ResourceRow?)] = []
        if !running.isEmpty {
            pinned.append(("In progress (\(running.count))", nil))
            pinned += running.map { ("", $0) }
        }

        var rest: [(String, ResourceRow?)] = []
        for (state, heading) in [(ResourceRow.State.errored, "Failed"), (.planned, "Planned"), (.complete, "Done")] {
            let rows = snapshot.resources.filter { $0.state == state }
            guard !rows.isEmpty else { continue }
            rest.append(("\(heading) (\(rows.count))", nil))
            rest += rows.map { ("", $0) }
        }

        // In-progress rows are pinned above the scrolling part so a long list never hides live work.
        var shownPinned = pinned
        if pinned.count > rect.height {
            let hidden = pinned.count - rect.height + 1
            shownPinned = Array(pinned.prefix(rect.height - 1)) + [("+\(hidden) more in progress", nil)]
        }
        let scrollRows = max(rect.height - shownPinned.count, 0)
        let maxScroll = max(rest.count - scrollRows, 0)
        let scroll = min(max(state.resourcesScroll, 0), maxScroll)
        let visibleRest = scrollRows > 0 ? Array(rest.dropFirst(scroll).prefix(scrollRows)) : []

        for (offset, item) in (shownPinned + visibleRest).enumerated() {
            let row = rect.row + offset
            if let resource = item.1 {
                drawResourceRow(resource, on: canvas, row: row, rect: rect)
            } else {
                canvas.text(item.0, row: row, column: rect.column, style: .emphasis)
            }
        }

        // Group headings are rows too, so the note counts rows, not resources.
        let scrollNote = rest.count > scrollRows && scrollRows > 0 ? ", rows \(scroll + 1)-\(min(scroll + scrollRows, rest.count)) of \(rest.count)" : ""
        return (scrollRows, rest.count, title + scrollNote)
    }

    private func drawResourceRow(_ resource: ResourceRow, on canvas: Canvas, row: Int, rect: Rect) {
        let glyphs = canvas.glyphs
        let marker: String
        let style: TextStyleRole
        switch resource.state {
        case .inProgress:
            marker = glyphs.spinner(frame: spinnerFrame)
            style = .emphasis
        case .complete:
            marker = glyphs.unicode ? "✔" : "+"
            style = .success
        case .errored:
            marker = glyphs.unicode ? "✘" : "x"
            style = .error
        case .planned:
            marker = glyphs.bullet
            style = .dim
        }

        let elapsed = resource.state == .planned ? "" : Self.formatDuration(resource.elapsedSeconds)
        let elapsedWidth = 8
        let actionWidth = 8
        let addressColumn = rect.column + 2 + actionWidth
        let addressWidth = rect.width - 2 - actionWidth - elapsedWidth

        canvas.text(marker, row: row, column: rect.column, style: style)
        canvas.text(resource.action, row: row, column: rect.column + 2, style: .dim)
        if addressWidth > 4 {
            canvas.textKeepingTail(resource.address, row: row, column: addressColumn, width: addressWidth, style: resource.state == .errored ? .error : .normal)
            let elapsedColumn = rect.right - DisplayWidth.of(elapsed)
            canvas.text(elapsed, row: row, column: elapsedColumn, style: .dim)
        } else {
            canvas.textKeepingTail(resource.address, row: row, column: addressColumn, width: rect.right - addressColumn)
        }
    }

    // MARK: Log

    /// Draws the log. Scrolling counts log entries, not wrapped rows, and only
    /// the entries on screen are wrapped, so a long log costs nothing per frame.
    private func drawLog(on canvas: Canvas, in rect: Rect) -> (visible: Int, total: Int, title: String) {
        let entries = snapshot.log
        let maxTop = max(entries.count - rect.height, 0)
        let following = state.logTop == nil || state.logTop! >= maxTop
        var lines: [String] = []

        if following {
            var index = entries.count - 1
            while index >= 0 && lines.count < rect.height {
                lines = TextLayout.wrap(entries[index], width: rect.width, cleaner: canvas.cleaner) + lines
                index -= 1
            }
            lines = Array(lines.suffix(rect.height))
        } else {
            var index = max(state.logTop ?? 0, 0)
            while index < entries.count && lines.count < rect.height {
                lines += TextLayout.wrap(entries[index], width: rect.width, cleaner: canvas.cleaner)
                index += 1
            }
            lines = Array(lines.prefix(rect.height))
        }

        for (offset, line) in lines.enumerated() {
            canvas.text(line, row: rect.row + offset, column: rect.column, style: .normal)
        }
        return (rect.height, entries.count, following ? "Log" : "Log (scrolled, End follows)")
    }

    // MARK: Diagnostics

    private func drawDiagnostics(on canvas: Canvas, in rect: Rect) -> (visible: Int, total: Int, title: String) {
        var lines: [(String, TextStyleRole)] = []
        for (index, diagnostic) in snapshot.diagnostics.enumerated() {
            if index > 0 {
                lines.append(("", .normal))
            }
            let isError = diagnostic.severity.lowercased() == "error"
            let heading = (isError ? "Error: " : "Warning: ") + diagnostic.summary
            lines += TextLayout.wrap(heading, width: rect.width, cleaner: canvas.cleaner).map { ($0, isError ? .error : .warning) }
            if let address = diagnostic.address, !address.isEmpty {
                lines += TextLayout.wrap("  at " + address, width: rect.width, cleaner: canvas.cleaner).map { ($0, .dim) }
            }
            if let location = diagnostic.location, !location.isEmpty {
                lines += TextLayout.wrap("  in " + location, width: rect.width, cleaner: canvas.cleaner).map { ($0, .dim) }
            }
            for snippetLine in diagnostic.snippet {
                lines += TextLayout.wrap("  " + snippetLine, width: rect.width, cleaner: canvas.cleaner).map { ($0, .dim) }
            }
            if !diagnostic.detail.isEmpty {
                lines += TextLayout.wrap(diagnostic.detail, width: rect.width, cleaner: canvas.cleaner).map { ($0, .normal) }
            }
        }

        let maxScroll = max(lines.count - rect.height, 0)
        let scroll = min(max(state.diagnosticsScroll, 0), maxScroll)
        for (offset, line) in lines.dropFirst(scroll).prefix(rect.height).enumerated() {
            canvas.text(line.0, row: rect.row + offset, column: rect.column, style: line.1)
        }

        let more = lines.count > rect.height ? " \(scroll + 1)-\(min(scroll + rect.height, lines.count)) of \(lines.count) lines" : ""
        return (rect.height, lines.count, "Diagnostics (\(snapshot.diagnostics.count))" + more)
    }
}
