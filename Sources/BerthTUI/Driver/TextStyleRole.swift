/// The meaning of a piece of text on screen. Drivers turn a role into
/// attributes through `Palette`, so the renderer never names colours.
public enum TextStyleRole: String, Equatable, Sendable, CaseIterable {
    case normal
    case emphasis
    case success
    case warning
    case error
    case dim
    /// The header bar and the selected row.
    case header
    /// The focused field, button or pane title.
    case focused
    /// A button that cannot be activated now.
    case disabled
    case border
}
