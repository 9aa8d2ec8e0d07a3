import BerthWizard

/// Builds the body lines of a screen: paragraphs, tables, checks and the form.
struct BodyBuilder {
    let left: Int
    let width: Int
    let glyphs: Glyphs
    let cleaner: TextCleaner
    let state: ScreenUIState
    let spinnerFrame: Int
    let focus: FocusTarget?

    /// Returns the lines of every non-run block followed by the form fields.
    func lines(for screen: Screen) -> [BodyLine] {
        var lines: [BodyLine] = []
        for block in screen.blocks {
            let blockLines: [BodyLine]
            switch block {
            case .paragraph(let text, let style):
                blockLines = paragraph(text, style: Self.role(for: style))
            case .table(let rows):
                blockLines = table(rows)
            case .checks(let rows):
                blockLines = checks(rows)
            case .run:
                continue
            }
            if !lines.isEmpty {
                lines.append(.blank)
            }
            lines += blockLines
        }

        if !screen.fields.isEmpty {
            if !lines.isEmpty {
                lines.append(.blank)
            }
            lines += form(screen.fields)
        }
        return lines
    }

    static func role(for style: TextStyle) -> TextStyleRole {
        switch style {
        case .normal: return .normal
        case .emphasis: return .emphasis
        case .success: return .success
        case .warning: return .warning
        case .error: return .error
        case .dim: return .dim
        }
    }

    private func wrap(_ text: String, width: Int) -> [String] {
        TextLayout.wrap(text, width: max(width, 1), cleaner: cleaner)
    }

    private func paragraph(_ text: String, style: TextStyleRole) -> [BodyLine] {
        wrap(text, width: width).map { BodyLine(column: left, text: $0, style: style) }
    }

    private func table(_ rows: [KeyValueRow]) -> [BodyLine] {
        let keyWidth = min(rows.map { DisplayWidth.of(cleaner.clean($0.key)) }.max() ?? 0, max(width / 3, 8))
        let valueColumn = left + keyWidth + 2
        let valueWidth = width - keyWidth - 2

        var lines: [BodyLine] = []
        for row in rows {
            let key = TextLayout.truncate(cleaner.clean(row.key), to: keyWidth, ellipsis: glyphs.ellipsis)
            let values = wrap(row.value, width: valueWidth)
            for (index, value) in (values.isEmpty ? [""] : values).enumerated() {
                var line = BodyLine(column: valueColumn, text: value)
                if index == 0 {
                    line.segments.insert(.init(column: left, text: key, style: .dim), at: 0)
                }
                lines.append(line)
            }
        }
        return lines
    }

    private func checks(_ rows: [CheckRow]) -> [BodyLine] {
        let markers = rows.map { glyphs.marker(for: $0.status.rawValue, frame: spinnerFrame) }
        let markerWidth = max(markers.map { DisplayWidth.of($0) }.max() ?? 1, 1)
        let titleColumn = left + markerWidth + 1
        let titleWidth = min(rows.map { DisplayWidth.of(cleaner.clean($0.title)) }.max() ?? 0, max(width / 2 - markerWidth, 10))
        let detailColumn = titleColumn + titleWidth + 2
        let detailWidth = left + width - detailColumn
        let indentWidth = width - markerWidth - 1

        var lines: [BodyLine] = []
        for (row, marker) in zip(rows, markers) {
            let role = Self.role(for: row.status)
            var line = BodyLine(segments: [
                .init(column: left, text: marker, style: role),
                .init(column: titleColumn, text: TextLayout.truncate(cleaner.clean(row.title), to: titleWidth, ellipsis: glyphs.ellipsis), style: row.status == .fail ? .emphasis : .normal),
            ])

            // The detail sits beside the title when it fits, else wrapped under it.
            let detail = cleaner.clean(row.detail)
            if !detail.isEmpty && detailWidth >= 12 && DisplayWidth.of(detail) <= detailWidth {
                line.segments.append(.init(column: detailColumn, text: detail, style: .dim))
                lines.append(line)
            } else {
                lines.append(line)
                if !row.detail.isEmpty {
                    lines += wrap(row.detail, width: indentWidth).map { BodyLine(column: titleColumn, text: $0, style: .dim) }
                }
            }

            if let fix = row.fix, !fix.isEmpty, row.status == .fail || row.status == .warn || row.status == .unknown {
                lines += wrap("Fix: " + fix, width: indentWidth).map { BodyLine(column: titleColumn, text: $0, style: .normal) }
            }
        }
        return lines
    }

    static func role(for status: CheckStatus) -> TextStyleRole {
        switch status {
        case .pass: return .success
        case .fail: return .error
        case .warn: return .warning
        case .unknown: return .warning
        case .running: return .emphasis
        case .pending: return .dim
        }
    }

    private func form(_ fields: [FormField]) -> [BodyLine] {
        let labels = fields.map { cleaner.clean($0.label) + ($0.required ? " *" : "") }
        let sideBySide = width >= 56
        // Labels get up to 30 columns while the box keeps 46, so blueprint names such as
        // ecs_task_execution_role_name (28) show whole at 80 columns.
        let labelCap = max(26, min(30, width - 48))
        let labelWidth = sideBySide ? min(labels.map { DisplayWidth.of($0) }.max() ?? 0, labelCap) : width
        let valueColumn = sideBySide ? left + labelWidth + 2 : left + 2
        // Input boxes stop at 52 columns: wider boxes on wide terminals only spread short values out.
        let valueWidth = min(sideBySide ? width - labelWidth - 2 : width - 2, 52)

        var lines: [BodyLine] = []
        for (index, (field, label)) in zip(fields, labels).enumerated() {
            if index > 0 {
                lines.append(BodyLine(owner: .field(field.id)))
            }
            let owner = FocusTarget.field(field.id)
            let focused = focus == owner
            let labelText = TextLayout.truncate(label, to: labelWidth, ellipsis: glyphs.ellipsis)
            let labelSegment = BodyLine.Segment(column: left, text: labelText, style: focused ? .emphasis : .normal)
            let valueSegments = value(of: field, column: valueColumn, width: valueWidth, focused: focused)

            if sideBySide {
                lines.append(BodyLine(segments: [labelSegment] + valueSegments, owner: owner))
            } else {
                lines.append(BodyLine(segments: [labelSegment], owner: owner))
                lines.append(BodyLine(segments: valueSegments, owner: owner))
            }

            // The error replaces the help text, in the error style.
            if let error = field.error, !error.isEmpty {
                lines += wrap(glyphs.marker(for: "fail", frame: 0) + " " + error, width: valueWidth).map { BodyLine(column: valueColumn, text: $0, style: .error, owner: owner) }
            } else if !field.help.isEmpty {
                lines += wrap(field.help, width: valueWidth).map { BodyLine(column: valueColumn, text: $0, style: .dim, owner: owner) }
            }
        }
        return lines
    }

    /// Returns the segments that draw a field's value box; a secret's text is never part of them.
    private func value(of field: FormField, column: Int, width: Int, focused: Bool) -> [BodyLine.Segment] {
        let innerWidth = max(width - 2, 1)
        let buffer = state.editBuffers[field.id]
        var shown: String

        switch field.kind {
        case .text:
            let text = buffer ?? field.value
            if focused {
                return editedValue(Array(text), fieldID: field.id, column: column, innerWidth: innerWidth)
            }
            shown = TextLayout.truncateHead(cleaner.clean(text), to: innerWidth, ellipsis: glyphs.ellipsis)
        case .secret:
            let count = buffer.map { $0.count } ?? (field.value.isEmpty ? 0 : 8)
            let mask = Array(repeating: glyphs.secretMask, count: count)
            if focused {
                return editedValue(mask, fieldID: field.id, column: column, innerWidth: innerWidth)
            }
            shown = String(mask.prefix(innerWidth))
        case .choice(let options):
            let arrow = glyphs.unicode ? "▾" : "v"
            var current = cleaner.clean(field.value)
            if current.isEmpty && !options.isEmpty {
                current = "choose" + String(glyphs.ellipsis)
            }
            shown = TextLayout.pad(current, to: innerWidth - 2) + " " + arrow
        case .toggle:
            return [.init(column: column, text: field.value == "true" ? "[x]" : "[ ]", style: focused ? .focused : .normal)]
        }

        return [
            .init(column: column, text: "[", style: .border),
            .init(column: column + 1, text: shown, style: focused ? .focused : .normal, fillWidth: focused ? innerWidth : 0),
            .init(column: column + 1 + innerWidth, text: "]", style: .border),
        ]
    }

    /// Returns the segments of a field being edited: the text in the focused
    /// style, scrolled so the cursor is visible, and the cursor cell drawn
    /// without it, which shows as a gap in the highlighted box.
    private func editedValue(_ characters: [Character], fieldID: String, column: Int, innerWidth: Int) -> [BodyLine.Segment] {
        let clean = characters.map { cleaner.clean(String($0)) }
        let cursor = min(max(state.cursors[fieldID] ?? clean.count, 0), clean.count)

        // The window starts late enough that the text before the cursor and the cursor cell fit.
        var start = 0
        while start < cursor && DisplayWidth.of(clean[start..<cursor].joined()) + 1 > innerWidth {
            start += 1
        }
        var before = clean[start..<cursor].joined()
        if start > 0 && start < cursor {
            // An ellipsis in place of the first visible character shows that text is hidden on the left.
            before = String(glyphs.ellipsis) + clean[(start + 1)..<cursor].joined()
        }
        let cursorText = cursor < clean.count ? clean[cursor] : " "
        let cursorColumn = column + 1 + DisplayWidth.of(before)
        let afterColumn = cursorColumn + DisplayWidth.of(cursorText)
        var after = ""
        if cursor + 1 < clean.count {
            after = TextLayout.truncate(clean[(cursor + 1)...].joined(), to: column + 1 + innerWidth - afterColumn, ellipsis: glyphs.ellipsis)
        }

        return [
            .init(column: column, text: "[", style: .border),
            .init(column: column + 1, text: before, style: .focused, fillWidth: innerWidth),
            .init(column: cursorColumn, text: cursorText, style: .normal),
            .init(column: afterColumn, text: after, style: .focused),
            .init(column: column + 1 + innerWidth, text: "]", style: .border),
        ]
    }
}
