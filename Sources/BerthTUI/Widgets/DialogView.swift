import BerthWizard

/// A modal box: the confirmation of an action, or help text.
struct DialogView {
    let dialog: ScreenUIState.Dialog
    let screen: Screen

    func draw(on canvas: Canvas, size: TerminalSize) {
        let title: String
        let text: String
        var buttons: String?

        switch dialog {
        case .confirm(let actionID):
            let action = screen.actions.first { $0.id == actionID }
            title = (action?.label ?? actionID) + "?"
            text = action?.confirmation ?? ""
            buttons = "[ n: No ]  [ y: Yes ]"
        case .help(let helpTitle, let helpText):
            title = helpTitle
            text = helpText
        }

        let width = min(size.columns - 4, 64)
        let innerWidth = width - 4
        let lines = TextLayout.wrap(text, width: innerWidth, cleaner: canvas.cleaner)
        let footerRows = buttons == nil ? 0 : 2
        let maxBody = size.rows - 4 - footerRows
        let bodyLines = Array(lines.prefix(max(maxBody, 1)))
        let height = bodyLines.count + footerRows + 2
        let rect = Rect(row: max((size.rows - height) / 2, 0), column: (size.columns - width) / 2, width: width, height: height)

        // The box and one column either side are blanked so the screen below does not show through.
        for row in rect.row..<rect.bottom {
            canvas.fill(row: row, column: rect.column - 1, width: rect.width + 2, style: .normal)
        }
        canvas.box(rect, title: title, titleStyle: .focused)
        for (offset, line) in bodyLines.enumerated() {
            canvas.text(line, row: rect.row + 1 + offset, column: rect.column + 2)
        }
        if lines.count > bodyLines.count {
            canvas.text(String(canvas.glyphs.ellipsis), row: rect.bottom - 1 - footerRows, column: rect.right - 3, style: .dim)
        }
        if let buttons {
            let column = rect.right - 2 - DisplayWidth.of(buttons)
            canvas.text(buttons, row: rect.bottom - 2, column: column, style: .emphasis)
        }
    }
}
