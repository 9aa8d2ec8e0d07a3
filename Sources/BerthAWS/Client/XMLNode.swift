import Foundation

/// A small XML element tree for query, EC2 and REST-XML responses. Namespace prefixes are dropped.
public final class XMLNode: @unchecked Sendable {
    /// The element name without a namespace prefix.
    public let name: String
    /// Child elements in document order.
    public internal(set) var children: [XMLNode] = []
    /// The element's own text (CDATA included, references resolved), whitespace kept.
    public internal(set) var text: String = ""
    /// The element's attributes by name without a namespace prefix; namespace declarations are left out.
    public internal(set) var attributes: [String: String] = [:]

    init(name: String) {
        self.name = name
    }

    /// Parses `data`, returning nil when it is not well-formed XML.
    public static func parse(_ data: Data) -> XMLNode? {
        try? decode(data)
    }

    /// Parses `data`, or throws `XMLDecodeError` saying where and why it is not well-formed XML.
    public static func decode(_ data: Data) throws -> XMLNode {
        var reader = XMLReader(data)
        return try reader.readDocument()
    }

    /// Returns the first child named `name`.
    public func child(_ name: String) -> XMLNode? {
        children.first { $0.name == name }
    }

    /// Returns every child named `name`.
    public func children(_ name: String) -> [XMLNode] {
        children.filter { $0.name == name }
    }

    /// Returns the element at the end of `path`, following first children by name.
    public func find(_ path: String...) -> XMLNode? {
        var node: XMLNode? = self
        for part in path {
            node = node?.child(part)
        }
        return node
    }

    /// Returns the trimmed text of the child `name`, or nil when it is missing.
    public func string(_ name: String) -> String? {
        child(name).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// Returns the first element named `name` anywhere below this one, depth first.
    public func descendant(_ name: String) -> XMLNode? {
        for child in children {
            if child.name == name { return child }
            if let found = child.descendant(name) { return found }
        }
        return nil
    }
}
