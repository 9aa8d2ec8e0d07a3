import BerthTerraform
import BerthWizard
import Foundation

/// Draws one `Screen` with its local UI state into a driver: header, body
/// (scrolling when tall), run panes, busy line, buttons, key help line and
/// any open picker or dialog.
public struct ScreenView {
    /// The smallest terminal the wizard draws in. Below it a "terminal too
    /// small" notice is shown while the work goes on: 40 columns fit a
    /// stacked form, and 12 rows fit the header, 7 body rows, buttons and help.
    public static let minimumSize = TerminalSize(columns: 40, rows: 12)

    /// Sizes from the last frame that the key handler uses to page and scroll.
    public struct Layout: Equatable {
        public var bodyRows = 0
        public var bodyLineCount = 0
        /// The body scroll actually used, after keeping the focused field visible.
        public var bodyScroll = 0
        var run = RunPaneView.Layout()
        public var tooSmall = false

        public init() {}

        init(tooSmall: Bool) {
            self.tooSmall = tooSmall
        }
    }

    public let screen: Screen
    public let state: ScreenUIState
    public let spinnerFrame: Int

    public init(screen: Screen, state: ScreenUIState, spinnerFrame: Int = 0) {
        self.screen = screen
        self.state = state
        self.spinnerFrame = spinnerFrame
    }

    /// Clears the driver, draws the frame and refreshes; returns the layout used.
    @discardableResult
    public func render(on driver: TerminalDriver) -> Layout {
        driver.clear()
        let layout = draw(on: Canvas(driver: driver))
        driver.refresh()
        return layout
    }

    private func draw(on canvas: Canvas) -> Layout {
        let size = canvas.driver.size
        guard size.columns >= Self.minimumSize.columns, size.rows >= Self.minimumSize.rows else {
            drawTooSmall(on: canvas, size: size)
            return Layout(tooSmall: true)
        }

        let focus = FocusOrder.resolvedFocus(state.focus, on: screen)
        let margin = size.columns >= 60 ? 2 : 1
        let contentWidth = size.columns - 2 * margin
        var layout = Layout()

        drawHeader(on: canvas, width: size.columns)

        let helpRow = size.rows - 1
        let buttonRow = size.rows - 2
        let busyRow = size.rows - 3
        let bodyTop = 2
        let bodyBottom = busyRow
        let bodyHeight = bodyBottom - bodyTop

        let builder = BodyBuilder(left: margin, width: contentWidth, glyphs: canvas.glyphs, cleaner: canvas.cleaner, state: state, spinnerFrame: spinnerFrame, focus: focus)
        let lines = builder.lines(for: screen)
        let run = FocusOrder.runSnapshot(of: screen)

        // A run screen gives its panes all the room the text above them does not need (at most a third).
        let linesHeight = run == nil ? bodyHeight : min(lines.count, bodyHeight / 3)
        let scroll = bodyScroll(lines: lines, visibleRows: linesHeight, focus: focus)
        for (offset, line) in lines.dropFirst(scroll).prefix(linesHeight).enumerated() {
            draw(line, on: canvas, row: bodyTop + offset)
        }
        layout.bodyRows = linesHeight
        layout.bodyLineCount = lines.count
        layout.bodyScroll = scroll
        if lines.count > linesHeight && linesHeight > 0 {
            let note = " \(scroll + 1)-\(min(scroll + linesHeight, lines.count)) of \(lines.count) "
            canvas.text(note, row: bodyTop - 1, column: size.columns - margin - DisplayWidth.of(note), style: .dim)
        }

        if let run {
            let top = bodyTop + linesHeight + (linesHeight > 0 ? 1 : 0)
            let area = Rect(row: top, column: margin, width: contentWidth, height: bodyBottom - top)
            let view = RunPaneView(snapshot: run, state: state, focus: focus, spinnerFrame: spinnerFrame)
            layout.run = view.draw(on: canvas, in: area)
        }

        if let busy = screen.busy, !busy.isEmpty {
            canvas.text(canvas.glyphs.spinner(frame: spinnerFrame) + " " + busy, row: busyRow, column: margin, style: .emphasis)
        } else if let blocked = blockedNote(cleaner: canvas.cleaner) {
            canvas.text(blocked, row: busyRow, column: margin, style: .error)
        }
        drawButtons(on: canvas, row: buttonRow, margin: margin, width: size.columns, focus: focus)
        let help = Self.helpLine(helpItems(focus: focus, glyphs: canvas.glyphs), width: contentWidth)
        canvas.text(help, row: helpRow, column: margin, style: .dim)

        if let picker = state.picker, let field = screen.fields.first(where: { $0.id == picker.fieldID }) {
            PickerView(field: field, picker: picker).draw(on: canvas, size: size)
        }
        if let dialog = state.dialog {
            DialogView(dialog: dialog, screen: screen).draw(on: canvas, size: size)
        }
        return layout
    }

    private func drawHeader(on canvas: Canvas, width: Int) {
        canvas.fill(row: 0, column: 0, width: width, style: .header)
        let step = screen.stepCount > 0 ? "Step \(screen.stepNumber) of \(screen.stepCount) " : ""
        let stepWidth = DisplayWidth.of(step)
        let titleRoom = width - stepWidth - 2
        let title = TextLayout.truncate(canvas.cleaner.clean(" Berth " + canvas.glyphs.bullet + " " + screen.title), to: titleRoom, ellipsis: canvas.glyphs.ellipsis)
        canvas.text(title, row: 0, column: 0, style: .header)
        canvas.text(step, row: 0, column: width - stepWidth, style: .header)
    }

    private func draw(_ line: BodyLine, on canvas: Canvas, row: Int) {
        for segment in line.segments {
            if segment.fillWidth > 0 {
                canvas.fill(row: row, column: segment.column, width: segment.fillWidth, style: segment.style)
            }
            canvas.text(segment.text, row: row, column: segment.column, style: segment.style)
        }
    }

    /// Returns the first body line to show: the saved scroll, moved just enough to show the focused field.
    private func bodyScroll(lines: [BodyLine], visibleRows: Int, focus: FocusTarget?) -> Int {
        let maxScroll = max(lines.count - visibleRows, 0)
        var scroll = min(max(state.bodyScroll, 0), maxScroll)
        guard let focus, visibleRows > 0 else { return scroll }

        let owned = lines.indices.filter { lines[$0].owner == focus }
        if let first = owned.first, let last = owned.last {
            if last >= scroll + visibleRows {
                scroll = min(last - visibleRows + 1, first)
            }
            if first < scroll {
                scroll = first
            }
        }
        return min(max(scroll, 0), maxScroll)
    }

    /// Says why the default button is drawn disabled when fields have errors, naming them,
    /// since the fields may be scrolled out of sight.
    func blockedNote(cleaner: TextCleaner) -> String? {
        let invalid = screen.fields.filter { $0.error != nil }
        guard !invalid.isEmpty else { return nil }
        let blocked = FocusOrder.orderedActions(screen).filter { $0.enabled && $0.id != FocusOrder.backActionID }
        guard let action = blocked.first(where: { $0.isDefault }) ?? blocked.first else { return nil }
        let names = invalid.map { cleaner.clean($0.label) }.joined(separator: ", ")
        let noun = invalid.count == 1 ? "field" : "fields"
        return "Fix \(invalid.count) \(noun) before \(cleaner.clean(action.label)): \(names)"
    }

    private func drawButtons(on canvas: Canvas, row: Int, margin: Int, width: Int, focus: FocusTarget?) {
        let actions = FocusOrder.orderedActions(screen)
        guard !actions.isEmpty else { return }

        // Buttons lose their inner spaces when they would not fit side by side.
        let spaced = actions.reduce(0) { $0 + DisplayWidth.of(canvas.cleaner.clean($1.label)) + 6 }
        let compact = spaced > width - 2 * margin

        var leftColumn = margin
        var rightColumn = width - margin
        for action in actions {
            let name = canvas.cleaner.clean(action.label)
            let label = compact ? "[" + name + "]" : "[ " + name + " ]"
            let enabled = FocusOrder.isEnabled(action, on: screen)
            let style: TextStyleRole = !enabled ? .disabled : (focus == .action(action.id) ? .focused : (action.isDefault ? .emphasis : .normal))
            let labelWidth = DisplayWidth.of(label)

            if action.isDefault && action.id != FocusOrder.backActionID {
                rightColumn -= labelWidth
                canvas.text(label, row: row, column: rightColumn, style: style)
                rightColumn -= compact ? 1 : 2
            } else {
                canvas.text(label, row: row, column: leftColumn, style: style)
                leftColumn += labelWidth + (compact ? 1 : 2)
            }
        }
    }

    /// Returns the key help for the focused element, shown on the last row of every screen.
    func helpItems(focus: FocusTarget?, glyphs: Glyphs) -> [String] {
        let activePhases: [RunSnapshot.Phase] = [.initializing, .planning, .applying]
        let running = FocusOrder.runSnapshot(of: screen).map { activePhases.contains($0.phase) } ?? false
        let interrupt = running ? "Ctrl-C stop" : "Ctrl-C quit"
        let move = "Tab/" + (glyphs.unicode ? "↑↓" : "arrows") + " move"

        if case .confirm? = state.dialog {
            return ["y/Enter confirm", "n/Esc cancel"]
        }
        if state.dialog != nil {
            return ["any key closes"]
        }
        if state.picker != nil {
            return ["type to filter", glyphs.arrowHint + " choose", "Enter select", "Esc close"]
        }

        switch focus {
        case .field(let id):
            switch screen.fields.first(where: { $0.id == id })?.kind {
            case .text?, .secret?:
                return [move, "Enter next", "Ctrl-U clear", "Esc back", "F1 help", interrupt]
            case .choice?:
                return [move, "Enter choose", "Esc back", "? help", interrupt]
            default:
                return [move, "Space toggle", "Esc back", "? help", interrupt]
            }
        case .pane:
            return ["Tab next", glyphs.arrowHint + " PgUp/PgDn scroll", "End follow", "Esc back", interrupt]
        default:
            return [move, "Enter select", "Esc back", "? help", interrupt]
        }
    }

    /// Joins the help items into one line of at most `width` columns, shortening
    /// them first and then dropping the least needed (Enter, clear, help, End, move).
    static func helpLine(_ items: [String], width: Int) -> String {
        let full = items.joined(separator: "  ")
        if DisplayWidth.of(full) <= width {
            return full
        }

        var short = items.map {
            $0.replacingOccurrences(of: "Tab/↑↓ move", with: "Tab move")
                .replacingOccurrences(of: "Tab/arrows move", with: "Tab move")
                .replacingOccurrences(of: "Ctrl-C", with: "^C")
                .replacingOccurrences(of: "Ctrl-U", with: "^U")
        }
        let dropOrder = ["Enter", "clear", "help", "End", "scroll", "move"]
        for word in dropOrder where DisplayWidth.of(short.joined(separator: " ")) > width {
            short.removeAll { $0.contains(word) }
        }
        return short.joined(separator: " ")
    }

    private func drawTooSmall(on canvas: Canvas, size: TerminalSize) {
        let minimum = Self.minimumSize
        let lines = [
            "Terminal too small",
            "Need \(minimum.columns)x\(minimum.rows), have \(size.columns)x\(size.rows).",
            "Enlarge the window; work goes on.",
            "Ctrl-C quit",
        ]
        let top = max((size.rows - lines.count) / 2, 0)
        for (index, line) in lines.enumerated() {
            let wrapped = TextLayout.truncate(line, to: size.columns, ellipsis: canvas.glyphs.ellipsis)
            let column = max((size.columns - DisplayWidth.of(wrapped)) / 2, 0)
            canvas.text(wrapped, row: top + index, column: column, style: index == 0 ? .warning : .normal)
        }
    }
}
