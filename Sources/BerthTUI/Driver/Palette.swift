/// Attributes for each `TextStyleRole`, with colours or without them.
///
/// Without colours (a monochrome terminal, or `NO_COLOR` set) meaning is
/// carried by bold, dim, underline and reverse video alone.
public struct Palette: Equatable, Sendable {
    /// A colour used as the foreground on the terminal's default background.
    public enum Color: String, Equatable, Sendable {
        case red
        case green
        case yellow
        case cyan
    }

    /// Attributes of one role.
    public struct Attributes: Equatable, Sendable {
        public var bold = false
        public var dim = false
        public var reverse = false
        public var underline = false
        public var color: Color?

        public init(bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false, color: Color? = nil) {
            self.bold = bold
            self.dim = dim
            self.reverse = reverse
            self.underline = underline
            self.color = color
        }
    }

    public let colors: Bool

    public init(colors: Bool) {
        self.colors = colors
    }

    /// Decides whether colours may be used: the terminal must have them and `NO_COLOR` must be unset or empty.
    public static func colorsAllowed(terminalHasColors: Bool, environment: [String: String]) -> Bool {
        let noColor = environment["NO_COLOR"] ?? ""
        return terminalHasColors && noColor.isEmpty
    }

    /// Returns the attributes that draw `role`.
    public func attributes(for role: TextStyleRole) -> Attributes {
        switch role {
        case .normal, .border:
            return Attributes()
        case .emphasis:
            return Attributes(bold: true)
        case .success:
            return colors ? Attributes(color: .green) : Attributes(bold: true)
        case .warning:
            return colors ? Attributes(bold: true, color: .yellow) : Attributes(bold: true, underline: true)
        case .error:
            return colors ? Attributes(bold: true, color: .red) : Attributes(bold: true, reverse: true)
        case .dim, .disabled:
            return Attributes(dim: true)
        case .header:
            return Attributes(bold: true, reverse: true)
        case .focused:
            return colors ? Attributes(bold: true, reverse: true, color: .cyan) : Attributes(bold: true, reverse: true)
        }
    }
}
