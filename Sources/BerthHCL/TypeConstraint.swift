/// A variable's `type` constraint.
public indirect enum TypeConstraint: Equatable, Sendable, CustomStringConvertible {
    case string
    case number
    case bool
    case any
    case list(TypeConstraint)
    case set(TypeConstraint)
    case map(TypeConstraint)
    case object([ObjectAttribute])
    case tuple([TypeConstraint])

    /// One attribute of an `object({…})` type, where `optional(type, default)` sets `isOptional`.
    public struct ObjectAttribute: Equatable, Sendable {
        public var name: String
        public var type: TypeConstraint
        public var isOptional: Bool
        public var defaultValue: HCLValue?

        public init(name: String, type: TypeConstraint, isOptional: Bool = false, defaultValue: HCLValue? = nil) {
            self.name = name
            self.type = type
            self.isOptional = isOptional
            self.defaultValue = defaultValue
        }
    }

    /// The constraint as Terraform writes it, such as `list(string)`.
    public var description: String {
        switch self {
        case .string: return "string"
        case .number: return "number"
        case .bool: return "bool"
        case .any: return "any"
        case .list(let element): return "list(\(element))"
        case .set(let element): return "set(\(element))"
        case .map(let element): return "map(\(element))"
        case .tuple(let elements): return "tuple([\(elements.map(\.description).joined(separator: ", "))])"
        case .object(let attributes):
            let members = attributes.map { attribute -> String in
                guard attribute.isOptional else { return "\(attribute.name) = \(attribute.type)" }
                let defaultText = attribute.defaultValue.map { ", \($0)" } ?? ""
                return "\(attribute.name) = optional(\(attribute.type)\(defaultText))"
            }
            return "object({ \(members.joined(separator: ", ")) })"
        }
    }

    /// Parses a type constraint expression such as `map(object({ a = optional(string) }))`.
    public static func parse(_ source: String, file: String = "type") throws -> TypeConstraint {
        let bytes = Array(source.utf8)
        let expression = try HCLParser.parseExpression(bytes, file: file)
        return try parse(expression, bytes: bytes, file: file)
    }

    static func parse(_ expression: HCLExpression, bytes: [UInt8], file: String) throws -> TypeConstraint {
        let invalid = { (detail: String) -> HCLParseError in
            let (line, column) = HCLParser.lineAndColumn(of: expression.start, in: bytes)
            return HCLParseError(file: file, line: line, column: column, message: "Invalid type specification: \(detail)")
        }
        switch expression.kind {
        case .traversal(let name), .literal(.string(let name)):
            // Quoted names are the Terraform 0.11 forms: "string", "list", "map".
            switch name {
            case "string": return .string
            case "number": return .number
            case "bool": return .bool
            case "any": return .any
            case "list": return .list(.any)
            case "map": return .map(.any)
            case "set": return .set(.any)
            default: throw invalid("\"\(name)\" is not a type. Use string, number, bool, list(…), set(…), map(…), object({…}), tuple([…]) or any")
            }
        case .call(let name, let arguments):
            guard arguments.count == 1, let argument = arguments.first else {
                throw invalid("\(name)(…) takes exactly one argument")
            }
            switch name {
            case "list": return .list(try parse(argument, bytes: bytes, file: file))
            case "set": return .set(try parse(argument, bytes: bytes, file: file))
            case "map": return .map(try parse(argument, bytes: bytes, file: file))
            case "tuple":
                guard case .tuple(let items) = argument.kind else { throw invalid("tuple needs a list of types, such as tuple([string, number])") }
                return .tuple(try items.map { try parse($0, bytes: bytes, file: file) })
            case "object":
                guard case .object(let members) = argument.kind else { throw invalid("object needs a map of attribute types, such as object({ name = string })") }
                return .object(try members.map { member in
                    guard case .string(let attributeName) = member.key.value(in: bytes) else {
                        throw invalid("object attribute names must be plain names")
                    }
                    return try objectAttribute(name: attributeName, member.value, bytes: bytes, file: file)
                })
            default:
                throw invalid("\"\(name)\" is not a type constructor. Use list, set, map, object or tuple")
            }
        default:
            throw invalid("expected a type such as string or list(string)")
        }
    }

    private static func objectAttribute(name: String, _ expression: HCLExpression, bytes: [UInt8], file: String) throws -> ObjectAttribute {
        guard case .call("optional", let arguments) = expression.kind, let first = arguments.first, arguments.count <= 2 else {
            return ObjectAttribute(name: name, type: try parse(expression, bytes: bytes, file: file))
        }
        return ObjectAttribute(name: name, type: try parse(first, bytes: bytes, file: file), isOptional: true,
                               defaultValue: arguments.count == 2 ? arguments[1].value(in: bytes) : nil)
    }
}
