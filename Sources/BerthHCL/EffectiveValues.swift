import Foundation

/// The source of the value Terraform uses for a variable.
public enum ValueSource: Equatable, Sendable, CustomStringConvertible {
    /// The `default` of the declaration.
    case defaultValue(file: String, line: Int)
    /// A `TF_VAR_name` environment variable.
    case environment(String)
    /// An assignment in a variable definitions file (`terraform.tfvars`, `*.auto.tfvars`, or their `.json` forms).
    case file(String, line: Int)

    public var description: String {
        switch self {
        case .defaultValue(let file, let line): return "the default in \(file):\(line)"
        case .environment(let name): return "the environment variable \(name)"
        case .file(let file, let line): return "\(file):\(line)"
        }
    }
}

/// A variable's value as Terraform will see it, and its source.
public struct EffectiveValue: Equatable, Sendable {
    public var name: String
    public var value: HCLValue
    public var source: ValueSource
}

/// The values Terraform gives each declared variable when it runs in a folder without `-var` or
/// `-var-file` options, following Terraform's order, lowest first: defaults, `TF_VAR_*`,
/// `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars` and `*.auto.tfvars.json`
/// in lexical order of file names.
public struct EffectiveValues: Sendable {
    public private(set) var values: [String: EffectiveValue] = [:]
    /// Every source that set each variable, lowest precedence first.
    public private(set) var history: [String: [EffectiveValue]] = [:]
    /// Required variables that no source sets, in declaration order.
    public private(set) var missing: [VariableDeclaration] = []

    public subscript(name: String) -> EffectiveValue? { values[name] }

    /// Reads the folder's variable files and the `TF_VAR_` entries of `environment`.
    public static func resolve(folder: URL, variables: [VariableDeclaration], environment: [String: String]) throws -> EffectiveValues {
        var result = EffectiveValues()
        let declared = Dictionary(variables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

        for variable in variables {
            if let value = variable.defaultValue {
                result.record(EffectiveValue(name: variable.name, value: value, source: .defaultValue(file: variable.file, line: variable.line)))
            }
        }
        for variable in variables {
            let key = "TF_VAR_\(variable.name)"
            guard let raw = environment[key] else { continue }
            let literal = variable.typeSource == nil || variable.type == .string
            let value = literal ? HCLValue.string(raw) : TfvarsDocument.parseValue(raw)
            result.record(EffectiveValue(name: variable.name, value: value, source: .environment(key)))
        }

        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let automatic = names.filter { $0.hasSuffix(".auto.tfvars") || $0.hasSuffix(".auto.tfvars.json") }.sorted()
        for name in ["terraform.tfvars", "terraform.tfvars.json"] + automatic where names.contains(name) {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let assignments = name.hasSuffix(".json") ? try jsonAssignments(data, file: name) : try TfvarsDocument(data: data, fileName: name).assignments
            for assignment in assignments {
                guard let variable = declared[assignment.name] else { continue }
                // Terraform uses the default in place of null when the variable sets nullable = false.
                if assignment.value == .null && !variable.nullable && variable.defaultValue != nil { continue }
                result.record(EffectiveValue(name: assignment.name, value: assignment.value, source: .file(name, line: assignment.line)))
            }
        }

        result.missing = variables.filter { $0.isRequired && result.values[$0.name] == nil }
        return result
    }

    private mutating func record(_ value: EffectiveValue) {
        values[value.name] = value
        history[value.name, default: []].append(value)
    }

    /// Reads a `.tfvars.json` file: one JSON object whose members are variable values.
    static func jsonAssignments(_ data: Data, file: String) throws -> [TfvarsDocument.Assignment] {
        let bytes = Array(try Encoding.decode(data, file: file).utf8)
        let expression = try HCLParser.parseExpression(bytes, file: file, json: true)
        guard case .object(let members) = expression.kind else {
            throw HCLParseError(file: file, line: 1, column: 1, message: "Invalid variables file: a .tfvars.json file must hold one JSON object, such as {\"aws_region\": \"us-west-2\"}")
        }
        let lines = HCLParser(bytes: bytes, file: file)
        return members.compactMap { member in
            guard case .string(let name) = member.key.value(in: bytes) else { return nil }
            let line = lines.lineAndColumn(of: member.key.start).0
            return TfvarsDocument.Assignment(name: name, value: member.value.value(in: bytes),
                                             valueText: String(decoding: bytes[member.value.start..<member.value.end], as: UTF8.self),
                                             line: line, valueStart: member.value.start, valueEnd: member.value.end)
        }
    }
}
