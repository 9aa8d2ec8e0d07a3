/// A key press as the renderer receives it, independent of ncurses key codes.
public enum Key: Equatable, Sendable {
    case character(Character)
    case enter
    case escape
    case tab
    case backTab
    case up
    case down
    case left
    case right
    case pageUp
    case pageDown
    case home
    case end
    case backspace
    case delete
    /// Byte 0x03: the terminal is in raw mode, so Ctrl-C arrives as a key, not as SIGINT.
    case controlC
    /// Ctrl-L: redraw the whole screen.
    case controlL
    /// Ctrl-U: clear the text field, as in shell line editing.
    case controlU
    case function(Int)
    /// The terminal changed size; the next frame is laid out again.
    case resize
    /// Input ended (the terminal closed).
    case endOfInput
}
