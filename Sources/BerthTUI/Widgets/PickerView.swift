import BerthWizard

/// The list of choices of a `.choice` field, drawn in a box over the screen,
/// filtered by what was typed and showing "N of M".
struct PickerView {
    let field: FormField
    let picker: ScreenUIState.Picker

    /// Returns the options whose text contains `filter`, ignoring case.
    static func matches(_ options: [String], filter: String) -> [String] {
        guard !filter.isEmpty else { return options }
        return options.filter { $0.range(of: filter, options: .caseInsensitive) != nil }
    }

    func draw(on canvas: Canvas, size: TerminalSize) {
        guard case .choice(let options) = field.kind else { return }

        let matching = Self.matches(options, filter: picker.filter)
        let width = min(max(size.columns - 8, 20), 64)
        let height = max(min(size.rows - 4, max(matching.count, 1) + 3), 4)
        let rect = Rect(row: max((size.rows - height) / 2, 1), column: (size.columns - width) / 2, width: width, height: height)
        let inner = rect.inset(by: 1)

        // The box and one column either side are blanked so the screen below does not show through.
        for row in rect.row..<rect.bottom {
            canvas.fill(row: row, column: rect.column - 1, width: rect.width + 2, style: .normal)
        }
        canvas.box(rect, title: field.label, titleStyle: .focused)

        let count = "\(matching.count) of \(options.count)"
        canvas.text("Filter: " + picker.filter + "_", row: inner.row, column: inner.column + 1)
        canvas.text(count, row: inner.row, column: inner.right - DisplayWidth.of(count) - 1, style: .dim)

        let listTop = inner.row + 1
        let listRows = inner.height - 1
        guard listRows > 0 else { return }
        if matching.isEmpty {
            canvas.text("No choice matches.", row: listTop, column: inner.column + 1, style: .dim)
            return
        }

        let selection = min(max(picker.selection, 0), matching.count - 1)
        let first = min(max(selection - listRows + 1, 0), max(matching.count - listRows, 0))
        for (offset, option) in matching.dropFirst(first).prefix(listRows).enumerated() {
            let selected = first + offset == selection
            let row = listTop + offset
            if selected {
                canvas.fill(row: row, column: inner.column, width: inner.width, style: .focused)
            }
            let marker = selected ? canvas.glyphs.pickerMarker : " "
            canvas.text(marker + " " + option, row: row, column: inner.column + 1, style: selected ? .focused : .normal)
        }
    }
}
