/// An expression node with the byte range it was read from.
struct HCLExpression {
    indirect enum Kind {
        case literal(HCLValue)
        case tuple([HCLExpression])
        case object([(key: HCLExpression, value: HCLExpression)])
        case call(name: String, arguments: [HCLExpression])
        /// A reference such as `var.x` or `local.a[0]`, kept as its source text.
        case traversal(String)
        case unary(String, HCLExpression)
        case binary(String, HCLExpression, HCLExpression)
        case conditional(HCLExpression, HCLExpression, HCLExpression)
        case parenthesized(HCLExpression)
        /// Templates with interpolation, `for` expressions, splats and index steps.
        case other
    }

    var kind: Kind
    /// Byte offsets in the parsed text.
    var start: Int
    var end: Int
}

/// An `name = expression` line in a body.
struct HCLAttribute {
    var name: String
    var expression: HCLExpression
    /// Byte offset of the name.
    var nameStart: Int
    var line: Int
    var column: Int
}

/// A `type "label" { … }` block.
struct HCLBlock {
    var type: String
    var labels: [String]
    var body: HCLBody
    var line: Int
}

/// The attributes and blocks of a file or a block, in source order.
struct HCLBody {
    var attributes: [HCLAttribute] = []
    var blocks: [HCLBlock] = []
}
