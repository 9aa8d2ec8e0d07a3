import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small XML element tree for query and EC2 protocol responses. Namespace prefixes are dropped.
public final class XMLNode: @unchecked Sendable {
    /// The element name without a namespace prefix.
    public let name: String
    /// Child elements in document order.
    public private(set) var children: [XMLNode] = []
    /// The element's own text, whitespace kept.
    public private(set) var text: String = ""

    init(name: String) {
        self.name = name
    }

    /// Parses `data`, returning nil when it is not well-formed XML.
    public static func parse(_ data: Data) -> XMLNode? {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { return nil }
        return root
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

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            let node = XMLNode(name: local)
            if let parent = stack.last {
                parent.children.append(node)
            } else {
                root = node
            }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
