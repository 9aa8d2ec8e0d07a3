import Foundation

/// A `validation { condition = …; error_message = … }` block of a variable.
public struct ValidationRule: Equatable, Sendable {
    /// The condition expression as written.
    public var condition: String
    public var errorMessage: String
    public var line: Int

    /// The result of checking a value before Terraform does.
    public enum Outcome: Equatable, Sendable {
        case passed
        case failed(String)
        /// The condition uses more than Berth evaluates, so only Terraform can check it.
        case unknown
    }

    public init(condition: String, errorMessage: String, line: Int) {
        self.condition = condition
        self.errorMessage = errorMessage
        self.line = line
    }

    /// Evaluates simple conditions (`contains([…], var.x)`, `length(var.x)` comparisons,
    /// `can(regex(…, var.x))`, combined with `&&`, `||`, `!`) against a value of `variable`.
    public func check(_ value: HCLValue, variable: String) -> Outcome {
        let bytes = Array(condition.utf8)
        guard let expression = try? HCLParser.parseExpression(bytes, file: "condition") else { return .unknown }
        let evaluator = ConditionEvaluator(bytes: bytes, variable: variable, value: value)
        switch evaluator.evaluate(expression) {
        case .bool(true)?: return .passed
        case .bool(false)?: return .failed(errorMessage)
        default: return .unknown
        }
    }
}

/// Evaluates the small subset of Terraform's language that validation conditions mostly use.
/// Returns nil for anything outside it.
struct ConditionEvaluator {
    let bytes: [UInt8]
    let variable: String
    let value: HCLValue

    func evaluate(_ expression: HCLExpression) -> HCLValue? {
        switch expression.kind {
        case .literal(let literal): return literal
        case .parenthesized(let inner): return evaluate(inner)
        case .traversal(let path): return path == "var.\(variable)" ? value : nil
        case .tuple(let items):
            var values: [HCLValue] = []
            for item in items {
                guard let itemValue = evaluate(item) else { return nil }
                values.append(itemValue)
            }
            return .tuple(values)
        case .unary("!", let operand):
            guard case .bool(let flag)? = evaluate(operand) else { return nil }
            return .bool(!flag)
        case .unary("-", let operand):
            return evaluate(operand).flatMap(negate)
        case .binary(let symbol, let left, let right):
            return binary(symbol, left, right)
        case .call(let name, let arguments):
            return call(name, arguments)
        default:
            return nil
        }
    }

    private func negate(_ operand: HCLValue) -> HCLValue? {
        guard let number = operand.decimalValue else { return nil }
        return .number("\(-number)")
    }

    private func binary(_ symbol: String, _ leftExpression: HCLExpression, _ rightExpression: HCLExpression) -> HCLValue? {
        let left = evaluate(leftExpression)
        if symbol == "&&", case .bool(false)? = left { return .bool(false) }
        if symbol == "||", case .bool(true)? = left { return .bool(true) }
        guard let left, let right = evaluate(rightExpression) else { return nil }
        switch symbol {
        case "&&", "||":
            guard case .bool(let a) = left, case .bool(let b) = right else { return nil }
            return .bool(symbol == "&&" ? a && b : a || b)
        case "==": return .bool(left.isSemanticallyEqual(to: right))
        case "!=": return .bool(!left.isSemanticallyEqual(to: right))
        default:
            guard let a = Self.number(left), let b = Self.number(right) else { return nil }
            switch symbol {
            case "<": return .bool(a < b)
            case ">": return .bool(a > b)
            case "<=": return .bool(a <= b)
            case ">=": return .bool(a >= b)
            default: return nil
            }
        }
    }

    /// Numbers, and strings that Terraform would convert to numbers.
    private static func number(_ value: HCLValue) -> Decimal? {
        switch value {
        case .number: return value.decimalValue
        case .string(let text): return HCLValue.number(text).decimalValue
        default: return nil
        }
    }

    private func call(_ name: String, _ arguments: [HCLExpression]) -> HCLValue? {
        switch (name, arguments.count) {
        case ("contains", 2):
            guard case .tuple(let items)? = evaluate(arguments[0]), let needle = evaluate(arguments[1]) else { return nil }
            return .bool(items.contains { $0.isSemanticallyEqual(to: needle) })
        case ("length", 1):
            switch evaluate(arguments[0]) {
            case .string(let text)?: return .number("\(text.count)")
            case .tuple(let items)?: return .number("\(items.count)")
            case .object(let members)?: return .number("\(members.count)")
            default: return nil
            }
        case ("can", 1):
            guard case .call("regex", let regexArguments) = arguments[0].kind, regexArguments.count == 2,
                  case .string(let pattern)? = evaluate(regexArguments[0]),
                  case .string(let subject)? = evaluate(regexArguments[1]) else { return nil }
            // NOTE: Terraform uses RE2 syntax; NSRegularExpression accepts most of it, and a pattern
            // it cannot compile is left to Terraform.
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
            let range = NSRange(subject.startIndex..., in: subject)
            return .bool(regex.firstMatch(in: subject, range: range) != nil)
        default:
            return nil
        }
    }
}
