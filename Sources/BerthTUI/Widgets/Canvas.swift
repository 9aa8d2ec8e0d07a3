/// A rectangle of cells, in screen coordinates.
public struct Rect: Equatable, Sendable {
    public var row: Int
    public var column: Int
    public var width: Int
    public var height: Int

    public init(row: Int, column: Int, width: Int, height: Int) {
        self.row = row
        self.column = column
        self.width = max(width, 0)
        self.height = max(height, 0)
    }

    var bottom: Int { row + height }
    var right: Int { column + width }

    /// Returns this rectangle shrunk by `amount` cells on every side.
    func inset(by amount: Int) -> Rect {
        Rect(row: row + amount, column: column + amount, width: width - 2 * amount, height: height - 2 * amount)
    }
}

/// Draws clean, clipped text into a driver: every string goes through the
/// `TextCleaner` and is cut to the space left in the clip rectangle.
struct Canvas {
    let driver: TerminalDriver
    let glyphs: Glyphs
    let cleaner: TextCleaner
    var clip: Rect

    init(driver: TerminalDriver) {
        self.driver = driver
        self.glyphs = Glyphs(unicode: driver.capabilities.unicode)
        self.cleaner = TextCleaner(unicode: driver.capabilities.unicode)
        self.clip = Rect(row: 0, column: 0, width: driver.size.columns, height: driver.size.rows)
    }

    /// Returns a canvas that draws only inside `rect` (intersected with the current clip).
    func clipped(to rect: Rect) -> Canvas {
        var copy = self
        let top = max(rect.row, clip.row)
        let left = max(rect.column, clip.column)
        let bottom = min(rect.bottom, clip.bottom)
        let right = min(rect.right, clip.right)
        copy.clip = Rect(row: top, column: left, width: right - left, height: bottom - top)
        return copy
    }

    /// Draws `text` at `row`, `column`, cut with `…` where it would leave the clip rectangle.
    /// Returns the columns drawn.
    @discardableResult
    func text(_ text: String, row: Int, column: Int, style: TextStyleRole = .normal) -> Int {
        guard row >= clip.row, row < clip.bottom, column < clip.right else { return 0 }

        let start = max(column, clip.column)
        let available = clip.right - start
        let fitted = TextLayout.truncate(cleaner.clean(text), to: available, ellipsis: glyphs.ellipsis)
        driver.put(row: row, column: start, text: fitted, style: style)
        return DisplayWidth.of(fitted)
    }

    /// Draws `text` cut from the left (`…tail`), for addresses whose end matters most.
    @discardableResult
    func textKeepingTail(_ text: String, row: Int, column: Int, width: Int, style: TextStyleRole = .normal) -> Int {
        let available = min(width, clip.right - column)
        let fitted = TextLayout.truncateHead(cleaner.clean(text), to: available, ellipsis: glyphs.ellipsis)
        return self.text(fitted, row: row, column: column, style: style)
    }

    /// Fills `width` cells of `row` from `column` with spaces in `style`.
    func fill(row: Int, column: Int, width: Int, style: TextStyleRole) {
        guard width > 0 else { return }
        text(String(repeating: " ", count: width), row: row, column: column, style: style)
    }

    /// Draws a border around `rect` with `title` in its top edge.
    func box(_ rect: Rect, title: String? = nil, titleStyle: TextStyleRole = .emphasis, style: TextStyleRole = .border) {
        guard rect.width >= 2, rect.height >= 2 else { return }

        let inner = String(repeating: glyphs.horizontal, count: rect.width - 2)
        text(glyphs.topLeft + inner + glyphs.topRight, row: rect.row, column: rect.column, style: style)
        for row in (rect.row + 1)..<(rect.bottom - 1) {
            text(glyphs.vertical, row: row, column: rect.column, style: style)
            text(glyphs.vertical, row: row, column: rect.right - 1, style: style)
        }
        text(glyphs.bottomLeft + inner + glyphs.bottomRight, row: rect.bottom - 1, column: rect.column, style: style)

        if let title, rect.width > 6 {
            let fitted = TextLayout.truncate(cleaner.clean(title), to: rect.width - 6, ellipsis: glyphs.ellipsis)
            text(" " + fitted + " ", row: rect.row, column: rect.column + 2, style: titleStyle)
        }
    }
}
