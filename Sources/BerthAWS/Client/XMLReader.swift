import Foundation

/// Reads a UTF-8 XML document into an `XMLNode` tree, without an XML library.
///
/// It reads what AWS query, EC2 and REST-XML responses contain: elements, attributes, text, the
/// five predefined entities, numeric character references, CDATA sections, comments and
/// processing instructions. Namespace prefixes are dropped from names. A document type
/// declaration is rejected, so no entity ever expands. The reader is iterative and nesting is
/// capped at `maximumDepth`, so no input can exhaust the stack.
struct XMLReader {
    /// The deepest nesting of elements that is read.
    static let maximumDepth = 256

    private struct OpenElement {
        let node: XMLNode
        let qualifiedName: ArraySlice<UInt8>
        var text: [UInt8] = []
    }

    private let bytes: [UInt8]
    private var position = 0

    /// Prepares to read `data`.
    init(_ data: Data) {
        bytes = [UInt8](data)
    }

    /// Reads the whole document and returns its root element.
    mutating func readDocument() throws -> XMLNode {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            position = 3
        }
        try checkCharacters()
        if bytes.count == position {
            throw failure("the document is empty")
        }
        if startsWith("<?xml"), position + 5 < bytes.count, Self.isWhitespace(bytes[position + 5]) {
            try readDeclaration()
        }

        try skipMisc()
        guard position < bytes.count else {
            throw failure("the document has no root element")
        }
        guard bytes[position] == UInt8(ascii: "<") else {
            throw failure("text appears before the root element")
        }
        let root = try readElements()

        try skipMisc()
        if position < bytes.count {
            throw failure("content follows the end of the root element <\(root.name)>")
        }
        return root
    }

    // MARK: - Elements and content

    private mutating func readElements() throws -> XMLNode {
        let (root, rootName, rootIsEmpty) = try readStartTag()
        if rootIsEmpty {
            return root
        }
        var stack = [OpenElement(node: root, qualifiedName: rootName)]

        while !stack.isEmpty {
            let last = stack.count - 1
            guard position < bytes.count else {
                throw failure("the document ends inside <\(Self.string(stack[last].qualifiedName))>")
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "&") {
                try readReference(into: &stack[last].text)
            } else if byte != UInt8(ascii: "<") {
                try readText(into: &stack[last].text)
            } else if startsWith("</") {
                try readEndTag(of: stack[last].qualifiedName)
                let finished = stack.removeLast()
                finished.node.text = String(decoding: finished.text, as: UTF8.self)
            } else if startsWith("<![CDATA[") {
                try readCDATA(into: &stack[last].text)
            } else if startsWith("<!--") {
                try skipComment()
            } else if startsWith("<?") {
                try skipProcessingInstruction()
            } else if startsWith("<!") {
                throw failure("a markup declaration appears inside <\(Self.string(stack[last].qualifiedName))>")
            } else {
                guard stack.count < Self.maximumDepth else {
                    throw failure("elements are nested deeper than \(Self.maximumDepth) levels")
                }
                let (child, childName, isEmpty) = try readStartTag()
                stack[last].node.children.append(child)
                if !isEmpty {
                    stack.append(OpenElement(node: child, qualifiedName: childName))
                }
            }
        }
        return root
    }

    /// Reads `<name attributes>` or `<name attributes/>` and returns the new node, its qualified name and whether it is empty.
    private mutating func readStartTag() throws -> (XMLNode, ArraySlice<UInt8>, Bool) {
        position += 1
        let qualifiedName = try readName(of: "an element")
        let node = XMLNode(name: Self.localName(qualifiedName))
        var seen: Set<ArraySlice<UInt8>> = []

        while true {
            let hadSpace = skipWhitespace()
            if startsWith("/>") {
                position += 2
                return (node, qualifiedName, true)
            }
            if startsWith(">") {
                position += 1
                return (node, qualifiedName, false)
            }
            guard position < bytes.count else {
                throw failure("the document ends inside the start tag <\(Self.string(qualifiedName))>")
            }
            guard hadSpace else {
                throw failure("expected a space, '>' or '/>' in the start tag <\(Self.string(qualifiedName))>")
            }

            let attributeStart = position
            let attributeName = try readName(of: "an attribute")
            guard seen.insert(attributeName).inserted else {
                position = attributeStart
                throw failure("the attribute \(Self.string(attributeName)) appears twice in <\(Self.string(qualifiedName))>")
            }
            skipWhitespace()
            try expect("=", after: "the attribute name \(Self.string(attributeName))")
            skipWhitespace()
            let value = try readAttributeValue()
            let isNamespace = attributeName.elementsEqual("xmlns".utf8) || attributeName.starts(with: "xmlns:".utf8)
            let local = Self.localName(attributeName)
            if !isNamespace && node.attributes[local] == nil {
                node.attributes[local] = value
            }
        }
    }

    private mutating func readEndTag(of openName: ArraySlice<UInt8>) throws {
        let start = position
        position += 2
        let name = try readName(of: "an end tag")
        guard name.elementsEqual(openName) else {
            position = start
            throw failure("the end tag </\(Self.string(name))> does not match <\(Self.string(openName))>")
        }
        skipWhitespace()
        try expect(">", after: "the end tag </\(Self.string(name))")
    }

    private mutating func readAttributeValue() throws -> String {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
            throw failure("expected a quoted attribute value")
        }
        let quote = bytes[position]
        position += 1
        var value: [UInt8] = []
        while true {
            guard position < bytes.count else {
                throw failure("the document ends inside an attribute value")
            }
            let byte = bytes[position]
            switch byte {
            case quote:
                position += 1
                return String(decoding: value, as: UTF8.self)
            case UInt8(ascii: "<"):
                throw failure("'<' appears in an attribute value; write it as &lt;")
            case UInt8(ascii: "&"):
                try readReference(into: &value)
            case UInt8(ascii: "\r"):
                // A line break of any kind in an attribute value reads as one space.
                value.append(UInt8(ascii: " "))
                position += startsWith("\r\n") ? 2 : 1
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"):
                value.append(UInt8(ascii: " "))
                position += 1
            default:
                value.append(byte)
                position += 1
            }
        }
    }

    /// Reads character data up to the next '<' or '&', with line breaks read as "\n".
    private mutating func readText(into text: inout [UInt8]) throws {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") {
                return
            }
            if byte == UInt8(ascii: "]") && startsWith("]]>") {
                throw failure("']]>' appears in text outside a CDATA section")
            }
            appendNormalizingLineBreak(byte, to: &text)
        }
    }

    private mutating func readCDATA(into text: inout [UInt8]) throws {
        let start = position
        position += 9
        guard let end = index(of: Array("]]>".utf8), from: position) else {
            position = start
            throw failure("the CDATA section is not closed with ']]>'")
        }
        while position < end {
            appendNormalizingLineBreak(bytes[position], to: &text)
        }
        position = end + 3
    }

    private mutating func appendNormalizingLineBreak(_ byte: UInt8, to text: inout [UInt8]) {
        if byte == UInt8(ascii: "\r") {
            text.append(UInt8(ascii: "\n"))
            position += startsWith("\r\n") ? 2 : 1
        } else {
            text.append(byte)
            position += 1
        }
    }

    /// Reads `&name;`, `&#123;` or `&#x7B;` at the current position and appends the character it is.
    private mutating func readReference(into text: inout [UInt8]) throws {
        let start = position
        let limit = min(bytes.count, position + 12)
        guard let end = bytes[position..<limit].firstIndex(of: UInt8(ascii: ";")) else {
            throw failure("'&' does not start a reference such as &amp;; write a literal '&' as &amp;")
        }
        let body = bytes[(position + 1)..<end]
        position = end + 1

        let predefined: [(String, UInt8)] = [("lt", UInt8(ascii: "<")), ("gt", UInt8(ascii: ">")), ("amp", UInt8(ascii: "&")),
                                             ("apos", UInt8(ascii: "'")), ("quot", UInt8(ascii: "\""))]
        if let match = predefined.first(where: { body.elementsEqual($0.0.utf8) }) {
            text.append(match.1)
            return
        }
        guard body.first == UInt8(ascii: "#") else {
            position = start
            throw failure("the entity &\(Self.string(body)); is not defined; only &lt; &gt; &amp; &apos; &quot; are")
        }

        let isHex = body.dropFirst().first == UInt8(ascii: "x")
        let digits = body.dropFirst(isHex ? 2 : 1)
        var value: UInt32 = 0
        for digit in digits {
            guard let number = Self.digitValue(digit, hex: isHex) else {
                value = UInt32.max
                break
            }
            value = value * (isHex ? 16 : 10) + number
        }
        guard !digits.isEmpty, Self.isXMLCharacter(value), let scalar = Unicode.Scalar(value) else {
            position = start
            throw failure("&\(Self.string(body)); is not a character reference to an allowed character")
        }
        UTF8.encode(scalar) { text.append($0) }
    }

    // MARK: - Prolog, comments and processing instructions

    private mutating func readDeclaration() throws {
        let start = position
        guard let end = index(of: Array("?>".utf8), from: position) else {
            throw failure("the XML declaration is not closed with '?>'")
        }
        let declaration = Self.string(bytes[start..<end])
        position = end + 2

        guard let range = declaration.range(of: "encoding") else { return }
        let rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
        let encoding = rest.prefix { $0 != "\"" && $0 != "'" }.lowercased()
        guard ["utf-8", "utf8", "us-ascii", "ascii"].contains(encoding) else {
            position = start
            throw failure("the document is declared in the encoding \(encoding); only UTF-8 is read")
        }
    }

    /// Skips whitespace, comments and processing instructions outside the root element.
    private mutating func skipMisc() throws {
        while true {
            skipWhitespace()
            if startsWith("<!--") {
                try skipComment()
            } else if startsWith("<!DOCTYPE") {
                throw failure("the document has a document type declaration, which is not read")
            } else if startsWith("<?") {
                try skipProcessingInstruction()
            } else {
                return
            }
        }
    }

    private mutating func skipComment() throws {
        guard let end = index(of: Array("-->".utf8), from: position + 4) else {
            throw failure("the comment is not closed with '-->'")
        }
        position = end + 3
    }

    private mutating func skipProcessingInstruction() throws {
        let start = position
        position += 2
        let target = try readName(of: "a processing instruction")
        if target.count == 3 && Self.string(target).lowercased() == "xml" {
            position = start
            throw failure("an XML declaration appears after the start of the document")
        }
        guard let end = index(of: Array("?>".utf8), from: position) else {
            position = start
            throw failure("the processing instruction is not closed with '?>'")
        }
        position = end + 2
    }

    // MARK: - Bytes

    /// Checks that the document is UTF-8 and contains only characters XML allows.
    private func checkCharacters() throws {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes[position...].makeIterator()
        var offset = position
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let value = UTF8.decode(encoded).value
                guard Self.isXMLCharacter(value) else {
                    let hex = String(value, radix: 16, uppercase: true)
                    throw failure(at: offset, "the character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex) is not allowed in XML")
                }
                offset += encoded.count
            case .error:
                throw failure(at: offset, "the bytes are not valid UTF-8")
            case .emptyInput:
                return
            }
        }
    }

    private mutating func readName(of what: String) throws -> ArraySlice<UInt8> {
        let start = position
        guard position < bytes.count, Self.isNameStart(bytes[position]) else {
            throw failure("expected the name of \(what)")
        }
        position += 1
        while position < bytes.count, Self.isNameStart(bytes[position]) || Self.isNameRest(bytes[position]) {
            position += 1
        }
        return bytes[start..<position]
    }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = position
        while position < bytes.count, Self.isWhitespace(bytes[position]) {
            position += 1
        }
        return position > start
    }

    private mutating func expect(_ character: Unicode.Scalar, after what: String) throws {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else {
            throw failure("expected '\(character)' after \(what)")
        }
        position += 1
    }

    private func startsWith(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { bytes[position..<(position + count)].elementsEqual($0) }
    }

    private func index(of pattern: [UInt8], from start: Int) -> Int? {
        guard start + pattern.count <= bytes.count else { return nil }
        var candidate = start
        while candidate + pattern.count <= bytes.count {
            if bytes[candidate] == pattern[0] && bytes[candidate..<(candidate + pattern.count)].elementsEqual(pattern) {
                return candidate
            }
            candidate += 1
        }
        return nil
    }

    private func failure(_ reason: String) -> XMLDecodeError {
        failure(at: position, reason)
    }

    private func failure(at offset: Int, _ reason: String) -> XMLDecodeError {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return XMLDecodeError(line: line, column: offset - lineStart + 1, reason: reason)
    }

    // MARK: - Character classes

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    private static func isNameRest(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    private static func isXMLCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private static func localName(_ qualifiedName: ArraySlice<UInt8>) -> String {
        let local = qualifiedName.lastIndex(of: UInt8(ascii: ":")).map { qualifiedName[($0 + 1)...] } ?? qualifiedName
        return string(local.isEmpty ? qualifiedName : local)
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
