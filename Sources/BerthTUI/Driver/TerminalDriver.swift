/// A terminal the renderer draws into: a grid of cells addressed by row and
/// column from the top-left corner, plus a key source.
///
/// Drivers clip text at the right and bottom edges. Text passed to `put` is
/// expected to be printable already (see `TextCleaner`); widths are display
/// columns as measured by `DisplayWidth`.
public protocol TerminalDriver: AnyObject {
    /// Current size in cells.
    var size: TerminalSize { get }
    /// The terminal's drawing abilities, decided when the driver started.
    var capabilities: TerminalCapabilities { get }

    /// Writes `text` starting at `row`, `column` in `style`; characters past the right edge are dropped.
    func put(row: Int, column: Int, text: String, style: TextStyleRole)
    /// Blanks every cell of the next frame.
    func clear()
    /// Shows what was drawn since the last refresh.
    func refresh()
    /// Waits up to `timeoutMilliseconds` for a key; returns nil on timeout or after `wake()`.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Ends a pending `readKey` early; safe to call from any thread.
    func wake()
    /// Gives the terminal back to the shell (normal screen, echo on) until `resume()`.
    func suspend()
    /// Takes the terminal again after `suspend()` and redraws everything on the next refresh.
    func resume()
}

/// A terminal size in character cells.
public struct TerminalSize: Equatable, Sendable, CustomStringConvertible {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    public var description: String { "\(columns)x\(rows)" }
}

/// What a terminal can draw, which decides glyphs and attributes.
public struct TerminalCapabilities: Equatable, Sendable {
    /// The locale's character set is UTF-8, so box drawing, symbols and wide characters can be drawn.
    public var unicode: Bool
    /// Colours may be used: the terminal has them and `NO_COLOR` is unset.
    public var colors: Bool

    public init(unicode: Bool, colors: Bool) {
        self.unicode = unicode
        self.colors = colors
    }
}
