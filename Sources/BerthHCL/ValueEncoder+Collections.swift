import Foundation

extension ValueEncoder {
    static func list(_ text: String, elementTypes: (Int) -> TypeConstraint, count: Int? = nil) throws -> String {
        var items: [String] = []
        if text.hasPrefix("["), text.hasSuffix("]"), case .tuple(let values)? = structured(text) {
            items = try values.enumerated().map { try encodeValue($0.element, as: elementTypes($0.offset)) }
        } else {
            var inner = Substring(text)
            if inner.hasPrefix("[") && inner.hasSuffix("]") { inner = inner.dropFirst().dropLast() }
            let parts = inner.split(whereSeparator: { $0 == "," || $0 == "\n" })
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            items = try parts.enumerated().map { try encodeScalar($0.element, as: elementTypes($0.offset)) }
        }
        if let count, items.count != count {
            throw ValueEncodingError(kind: .invalidList, value: text,
                                     message: "\"\(text)\" has \(items.count) items, but this variable needs exactly \(count). Separate the items with commas.")
        }
        return "[" + items.joined(separator: ", ") + "]"
    }

    static func map(_ text: String, valueType: (String) -> TypeConstraint?, attributes: [TypeConstraint.ObjectAttribute]?) throws -> String {
        let kind: ValueEncodingError.Kind = attributes == nil ? .invalidMap : .invalidObject
        var pairs: [(key: String, value: String)] = []
        if text.hasPrefix("{"), case .object(let members)? = structured(text) {
            for member in members {
                guard let type = valueType(member.key) else { throw unknownAttribute(member.key, text: text, attributes: attributes) }
                pairs.append((member.key, try encodeValue(member.value, as: type)))
            }
        } else {
            var inner = Substring(text)
            if inner.hasPrefix("{") && inner.hasSuffix("}") { inner = inner.dropFirst().dropLast() }
            for part in inner.split(whereSeparator: { $0 == "," || $0 == "\n" }) {
                let entry = part.trimmingCharacters(in: .whitespaces)
                if entry.isEmpty { continue }
                guard let separator = entry.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                    throw ValueEncodingError(kind: kind, value: text,
                                             message: "\"\(entry)\" has no value. Write KEY=VALUE pairs separated by commas, such as Team=core, Env=dev.")
                }
                let key = String(entry[..<separator]).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                let value = String(entry[entry.index(after: separator)...]).trimmingCharacters(in: .whitespaces)
                guard !key.isEmpty else {
                    throw ValueEncodingError(kind: kind, value: text,
                                             message: "\"\(entry)\" has no key before \"=\". Write KEY=VALUE pairs separated by commas.")
                }
                guard let type = valueType(key) else { throw unknownAttribute(key, text: text, attributes: attributes) }
                pairs.append((key, try encodeScalar(unquote(value), as: type)))
            }
        }
        return try renderMap(pairs, text: text, attributes: attributes)
    }

    /// Checks keys for duplicates and missing object attributes, then writes `{ key = value, … }`.
    private static func renderMap(_ pairs: [(key: String, value: String)], text: String,
                                  attributes: [TypeConstraint.ObjectAttribute]?) throws -> String {
        let kind: ValueEncodingError.Kind = attributes == nil ? .invalidMap : .invalidObject
        var seen = Set<String>()
        for pair in pairs where !seen.insert(pair.key).inserted {
            throw ValueEncodingError(kind: kind, value: text, message: "The key \"\(pair.key)\" appears twice in \"\(text)\". Give each key once.")
        }
        for attribute in attributes ?? [] where !attribute.isOptional && !seen.contains(attribute.name) {
            throw ValueEncodingError(kind: kind, value: text, message: "\"\(text)\" is missing the attribute \"\(attribute.name)\". Add \(attribute.name)=VALUE.")
        }
        if pairs.isEmpty { return "{}" }
        return "{ " + pairs.map { "\(objectKey($0.key)) = \($0.value)" }.joined(separator: ", ") + " }"
    }

    private static func unknownAttribute(_ key: String, text: String, attributes: [TypeConstraint.ObjectAttribute]?) -> ValueEncodingError {
        let names = (attributes ?? []).map(\.name).joined(separator: ", ")
        return ValueEncodingError(kind: .invalidObject, value: text,
                                  message: "\"\(key)\" is not an attribute of this variable. Use only: \(names).")
    }

    private static func unquote(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        let bytes = Array(text.utf8)
        if let expression = try? HCLParser.parseExpression(bytes, file: "input"), case .string(let value) = expression.value(in: bytes) {
            return value
        }
        return text
    }

    /// Encodes one list item or map value typed as plain text.
    private static func encodeScalar(_ text: String, as type: TypeConstraint) throws -> String {
        switch type {
        case .string, .any: return quote(unquote(text), allowsHeredoc: false)
        default: return try encodeText(text, as: type)
        }
    }

    /// Parses `[…]` or `{…}` typed as JSON, then as HCL. Returns nil when it is neither or contains expressions.
    static func structured(_ text: String) -> HCLValue? {
        let bytes = Array(text.utf8)
        for json in [true, false] {
            guard let expression = try? HCLParser.parseExpression(bytes, file: "input", json: json) else { continue }
            let value = expression.value(in: bytes)
            if !containsExpression(value) { return value }
        }
        return nil
    }

    private static func containsExpression(_ value: HCLValue) -> Bool {
        switch value {
        case .expression: return true
        case .tuple(let items): return items.contains(where: containsExpression)
        case .object(let members): return members.contains { containsExpression($0.value) }
        default: return false
        }
    }

    /// Encodes a parsed value for `type`, converting scalars as Terraform would.
    static func encodeValue(_ value: HCLValue, as type: TypeConstraint) throws -> String {
        switch (value, type) {
        case (.null, _):
            return "null"
        case (.string(let text), _):
            return try encodeScalar(text, as: type)
        case (.number(let text), .string), (.number(let text), .any):
            return quote(NumberText.canonical(text) ?? text, allowsHeredoc: false)
        case (.number(let text), _):
            return try encodeText(text, as: type)
        case (.bool(let flag), .string), (.bool(let flag), .any):
            return quote(flag ? "true" : "false", allowsHeredoc: false)
        case (.bool(let flag), _):
            return try encodeText(flag ? "true" : "false", as: type)
        case (.tuple(let items), .list(let element)), (.tuple(let items), .set(let element)):
            return "[" + (try items.map { try encodeValue($0, as: element) }).joined(separator: ", ") + "]"
        case (.tuple(let items), .tuple(let elements)) where items.count == elements.count:
            return "[" + (try zip(items, elements).map { try encodeValue($0, as: $1) }).joined(separator: ", ") + "]"
        case (.object(let members), .map(let element)):
            let pairs = try members.map { ($0.key, try encodeValue($0.value, as: element)) }
            return try renderMap(pairs, text: value.description, attributes: nil)
        case (.object(let members), .object(let attributes)):
            let pairs = try members.map { member -> (String, String) in
                guard let attribute = attributes.first(where: { $0.name == member.key }) else {
                    throw unknownAttribute(member.key, text: value.description, attributes: attributes)
                }
                return (member.key, try encodeValue(member.value, as: attribute.type))
            }
            return try renderMap(pairs, text: value.description, attributes: attributes)
        default:
            throw ValueEncodingError(kind: .invalidText, value: value.description,
                                     message: "\(value.description) does not fit the type \(type). Enter a value of type \(type).")
        }
    }
}
