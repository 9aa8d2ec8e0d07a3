import BerthHCL
import Foundation

/// Terraform's conversion of a value to a variable's type, so Berth's literal values can be
/// compared with what Terraform outputs.
enum TerraformConversion {
    static func convert(_ value: HCLValue, to type: TypeConstraint) -> HCLValue {
        switch (type, value) {
        case (_, .null): return .null
        case (.string, .number): return .string(value.canonicalNumber ?? "")
        case (.string, .bool(let flag)): return .string(flag ? "true" : "false")
        case (.number, .string(let text)): return .number(text)
        case (.bool, .string("true")): return .bool(true)
        case (.bool, .string("false")): return .bool(false)
        case (.list(let element), .tuple(let items)): return .tuple(items.map { convert($0, to: element) })
        case (.set(let element), .tuple(let items)): return .tuple(items.map { convert($0, to: element) })
        case (.tuple(let elements), .tuple(let items)): return .tuple(zip(items, elements).map { convert($0, to: $1) })
        case (.map(let element), .object(let members)):
            return .object(members.map { HCLObjectMember(key: $0.key, value: convert($0.value, to: element)) })
        case (.object(let attributes), .object(let members)):
            return .object(attributes.map { attribute in
                let member = members.first { $0.key == attribute.name }?.value
                let filled = member ?? attribute.defaultValue ?? .null
                return HCLObjectMember(key: attribute.name, value: convert(filled, to: attribute.type))
            })
        default: return value
        }
    }

    /// Compares values as Terraform's JSON output shows them; set elements in any order.
    static func matches(_ left: HCLValue, _ right: HCLValue, type: TypeConstraint) -> Bool {
        if case .set = type, case .tuple(let a) = left, case .tuple(let b) = right {
            return a.count == b.count && a.allSatisfy { item in b.contains { $0.isSemanticallyEqual(to: item) } }
        }
        return left.isSemanticallyEqual(to: right)
    }
}
