import Foundation

/// A value read from HCL: a literal, a collection of values, or an expression kept verbatim.
public indirect enum HCLValue: Equatable, Sendable, CustomStringConvertible {
    case string(String)
    /// A number as written in the source, such as `3`, `-1.5` or `1e3`.
    case number(String)
    case bool(Bool)
    case null
    case tuple([HCLValue])
    /// Object attributes in source order.
    case object([HCLObjectMember])
    /// An expression that is not a literal (a reference, a function call, a template with
    /// interpolation, a conditional), kept as its source text.
    case expression(String)

    /// The number as a `Decimal`, or nil when this is not a number.
    public var decimalValue: Decimal? {
        guard case .number(let text) = self else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// The number in plain decimal form (`1.5e3` → `1500`), or nil when this is not a number.
    public var canonicalNumber: String? {
        guard case .number(let text) = self else { return nil }
        return NumberText.canonical(text)
    }

    /// The string, or nil when this is not a string.
    public var stringValue: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// The value as compact HCL, for display and diagnostics.
    public var description: String {
        switch self {
        case .string(let text): return ValueEncoder.quote(text, allowsHeredoc: false)
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .tuple(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{ " + members.map { "\(ValueEncoder.objectKey($0.key)) = \($0.value)" }.joined(separator: ", ") + " }"
        case .expression(let text): return text
        }
    }

    /// Compares two values as Terraform would after evaluation: numbers by value, objects
    /// regardless of member order.
    public func isSemanticallyEqual(to other: HCLValue) -> Bool {
        switch (self, other) {
        case (.number, .number):
            return canonicalNumber != nil && canonicalNumber == other.canonicalNumber
        case (.tuple(let left), .tuple(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.isSemanticallyEqual(to: $1) }
        case (.object(let left), .object(let right)):
            guard left.count == right.count else { return false }
            return left.allSatisfy { member in
                right.contains { $0.key == member.key && $0.value.isSemanticallyEqual(to: member.value) }
            }
        default:
            return self == other
        }
    }
}

/// One `key = value` member of an HCL object.
public struct HCLObjectMember: Equatable, Sendable {
    public var key: String
    public var value: HCLValue

    public init(key: String, value: HCLValue) {
        self.key = key
        self.value = value
    }
}

extension HCLValue {
    /// Parses one HCL expression, such as `["a", 1]`. Parts that are not literals become `.expression`.
    public static func parse(hcl text: String) throws -> HCLValue {
        let bytes = Array(text.utf8)
        return try HCLParser.parseExpression(bytes, file: "value").value(in: bytes)
    }

    /// Parses one JSON value, such as the output of `terraform output -json`.
    public static func parse(json text: String) throws -> HCLValue {
        let bytes = Array(text.utf8)
        return try HCLParser.parseExpression(bytes, file: "json", json: true).value(in: bytes)
    }
}
