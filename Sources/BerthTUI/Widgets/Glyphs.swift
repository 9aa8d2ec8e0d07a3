/// The characters used to draw borders, markers and the spinner: Unicode
/// when the locale is UTF-8, ASCII otherwise (tmux or screen under `LANG=C`
/// would show `?` or `qqqq` for box drawing).
public struct Glyphs: Equatable, Sendable {
    public let unicode: Bool
    public let horizontal: String
    public let vertical: String
    public let topLeft: String
    public let topRight: String
    public let bottomLeft: String
    public let bottomRight: String
    public let ellipsis: Character
    public let bullet: String
    public let secretMask: Character
    public let spinnerFrames: [String]
    public let progressFull: String
    public let progressEmpty: String
    public let arrowHint: String
    public let pickerMarker: String

    public init(unicode: Bool) {
        self.unicode = unicode
        if unicode {
            horizontal = "─"
            vertical = "│"
            topLeft = "┌"
            topRight = "┐"
            bottomLeft = "└"
            bottomRight = "┘"
            ellipsis = "…"
            bullet = "·"
            secretMask = "•"
            spinnerFrames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
            progressFull = "█"
            progressEmpty = "░"
            arrowHint = "↑↓"
            pickerMarker = "›"
        } else {
            horizontal = "-"
            vertical = "|"
            topLeft = "+"
            topRight = "+"
            bottomLeft = "+"
            bottomRight = "+"
            ellipsis = "~"
            bullet = "-"
            secretMask = "*"
            spinnerFrames = ["|", "/", "-", "\\"]
            progressFull = "#"
            progressEmpty = "."
            arrowHint = "Up/Down"
            pickerMarker = ">"
        }
    }

    /// Returns the marker for a check's status; `frame` picks the spinner frame for a running check.
    public func marker(for status: String, frame: Int) -> String {
        switch status {
        case "pass": return unicode ? "✔" : "[ok]"
        case "fail": return unicode ? "✘" : "[FAIL]"
        case "warn": return unicode ? "!" : "[warn]"
        case "unknown": return unicode ? "?" : "[?]"
        case "running": return spinner(frame: frame)
        default: return unicode ? "·" : "[ ]"
        }
    }

    /// Returns the spinner character for `frame`.
    public func spinner(frame: Int) -> String {
        spinnerFrames[((frame % spinnerFrames.count) + spinnerFrames.count) % spinnerFrames.count]
    }
}
