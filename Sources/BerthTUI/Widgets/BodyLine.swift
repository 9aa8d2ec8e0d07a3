/// One row of a screen's scrollable body, built before drawing so the body can scroll.
struct BodyLine {
    struct Segment {
        var column: Int
        var text: String
        var style: TextStyleRole
        /// Cells to fill with `style` first (an input box); 0 draws only the text.
        var fillWidth = 0
    }

    var segments: [Segment] = []
    /// The focus target this line belongs to, so scrolling can keep it visible.
    var owner: FocusTarget?

    static let blank = BodyLine()

    init(segments: [Segment] = [], owner: FocusTarget? = nil) {
        self.segments = segments
        self.owner = owner
    }

    init(column: Int, text: String, style: TextStyleRole = .normal, owner: FocusTarget? = nil) {
        self.segments = [Segment(column: column, text: text, style: style)]
        self.owner = owner
    }
}
