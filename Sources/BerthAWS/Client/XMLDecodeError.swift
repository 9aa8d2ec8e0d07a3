/// The reason and position at which an XML document could not be read.
public struct XMLDecodeError: Error, Equatable, CustomStringConvertible {
    /// The 1-based line of the byte where reading stopped.
    public let line: Int
    /// The 1-based column, in bytes, of the byte where reading stopped.
    public let column: Int
    /// The fault found there, such as "the end tag </Code> does not match <Message>".
    public let reason: String

    /// Creates an error at `line` and `column` for `reason`.
    public init(line: Int, column: Int, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        "malformed XML at line \(line), column \(column): \(reason)"
    }
}
