import Foundation

/// A terminal in memory: a grid of cells with their style roles, a scripted
/// key queue and a frame counter. Tests draw through it and compare frames as text.
public final class RecordingDriver: TerminalDriver, @unchecked Sendable {
    /// One cell: the grapheme drawn there and its role. A wide character's second column is a continuation.
    public struct Cell: Equatable, Sendable {
        public var text: String
        public var style: TextStyleRole
        public var isContinuation: Bool

        static let blank = Cell(text: " ", style: .normal, isContinuation: false)
    }

    public private(set) var size: TerminalSize
    public let capabilities: TerminalCapabilities
    public let palette: Palette
    /// How many frames were shown with `refresh()`.
    public private(set) var refreshCount = 0
    /// The text of every frame shown, oldest first.
    public private(set) var history: [String] = []
    /// How often the driver was suspended.
    public private(set) var suspendCount = 0

    private let lock = NSLock()
    private var cells: [[Cell]]
    private var shown: [[Cell]]
    private var keys: [Key]
    private var wakeRequested = false
    /// Called when the key queue is empty, so a test can end the loop or change the source.
    public var onIdle: (() -> Void)?

    public init(size: TerminalSize, capabilities: TerminalCapabilities = TerminalCapabilities(unicode: true, colors: true), keys: [Key] = []) {
        self.size = size
        self.capabilities = capabilities
        self.palette = Palette(colors: capabilities.colors)
        self.cells = Self.blankGrid(size)
        self.shown = Self.blankGrid(size)
        self.keys = keys
    }

    /// Queues keys for `readKey`.
    public func enqueue(_ newKeys: [Key]) {
        lock.lock()
        keys += newKeys
        lock.unlock()
    }

    /// Changes the size and queues `.resize`, as a terminal does on SIGWINCH.
    public func resize(to newSize: TerminalSize) {
        lock.lock()
        size = newSize
        cells = Self.blankGrid(newSize)
        keys.append(.resize)
        lock.unlock()
    }

    public func put(row: Int, column: Int, text: String, style: TextStyleRole) {
        guard row >= 0, row < size.rows else { return }

        var column = column
        for character in text {
            let width = DisplayWidth.of(character)
            if width == 0 {
                continue
            }
            if column < 0 {
                column += width
                continue
            }
            if column + width > size.columns {
                // A wide character that would cross the right edge is not drawn, as on a real terminal.
                break
            }
            cells[row][column] = Cell(text: String(character), style: style, isContinuation: false)
            if width == 2 {
                cells[row][column + 1] = Cell(text: "", style: style, isContinuation: true)
            }
            column += width
        }
    }

    public func clear() {
        cells = Self.blankGrid(size)
    }

    public func refresh() {
        shown = cells
        refreshCount += 1
        history.append(frameText)
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        lock.lock()
        if wakeRequested {
            wakeRequested = false
            lock.unlock()
            return nil
        }
        if !keys.isEmpty {
            let key = keys.removeFirst()
            lock.unlock()
            return key
        }
        lock.unlock()

        onIdle?()
        return nil
    }

    public func wake() {
        lock.lock()
        wakeRequested = true
        lock.unlock()
    }

    public func suspend() {
        suspendCount += 1
    }

    public func resume() {}

    /// The last refreshed frame as text, one string per row, trailing spaces removed.
    public var frame: [String] {
        shown.map { row in
            var line = ""
            for cell in row where !cell.isContinuation {
                line += cell.text
            }
            return line.trimmingTrailingSpaces()
        }
    }

    /// The last refreshed frame joined with newlines.
    public var frameText: String {
        frame.joined(separator: "\n")
    }

    /// Returns the role of the cell at `row`, `column` in the last refreshed frame.
    public func style(row: Int, column: Int) -> TextStyleRole {
        shown[row][column].style
    }

    /// Returns the cell column where `text` first starts on `row` in the last frame.
    public func column(of text: String, row: Int) -> Int? {
        let line = shown[row]
        var characters: [(String, Int)] = []
        for (index, cell) in line.enumerated() where !cell.isContinuation {
            characters.append((cell.text, index))
        }
        let joined = characters.map(\.0)
        let needle = text.map { String($0) }
        guard !needle.isEmpty, needle.count <= joined.count else { return nil }

        for start in 0...(joined.count - needle.count) where Array(joined[start..<(start + needle.count)]) == needle {
            return characters[start].1
        }
        return nil
    }

    /// Returns the first row of the last frame that contains `text`.
    public func row(containing text: String) -> Int? {
        frame.firstIndex { $0.contains(text) }
    }

    private static func blankGrid(_ size: TerminalSize) -> [[Cell]] {
        Array(repeating: Array(repeating: Cell.blank, count: max(size.columns, 0)), count: max(size.rows, 0))
    }
}
