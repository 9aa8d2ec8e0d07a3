import Foundation

/// Finds the input variables that the `.tf` files of a folder declare.
public enum VariableCatalog {
    /// Reads every `*.tf` and `*.tf.json` file in the folder (not subfolders), in file name then
    /// line order.
    // NOTE: override files (`override.tf`, `*_override.tf`) are read like any other file, so a
    // variable they redefine appears twice instead of being merged as Terraform does.
    public static func load(folder: URL) throws -> [VariableDeclaration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".tf") || $0.hasSuffix(".tf.json") }
            .sorted()
        var declarations: [VariableDeclaration] = []
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            if name.hasSuffix(".json") {
                declarations += try parseJSON(Array(data), file: name)
            } else {
                declarations += try parse(Array(data), file: name)
            }
        }
        return declarations
    }

    /// Reads the `"variable"` object of a `.tf.json` file, where each type is a string such as
    /// `"list(string)"`.
    public static func parseJSON(_ bytes: [UInt8], file: String) throws -> [VariableDeclaration] {
        try Encoding.rejectUTF16(bytes, file: file)
        let lines = HCLParser(bytes: bytes, file: file)
        let root = try HCLParser.parseExpression(bytes, file: file, json: true)
        guard case .object(let sections) = root.kind else {
            throw lines.error("Invalid JSON configuration: the file must contain one JSON object", at: root.start)
        }

        var declarations: [VariableDeclaration] = []
        for section in sections where section.key.value(in: bytes) == .string("variable") {
            guard case .object(let variables) = section.value.kind else {
                throw lines.error("Invalid JSON configuration: \"variable\" must be an object of variable names", at: section.value.start)
            }
            for variable in variables {
                guard case .string(let name) = variable.key.value(in: bytes), case .object(let attributes) = variable.value.kind else {
                    throw lines.error("Invalid JSON configuration: each variable must be a name with an object of arguments", at: variable.key.start)
                }
                var declaration = VariableDeclaration(name: name, file: file, line: lines.lineAndColumn(of: variable.key.start).0)
                for attribute in attributes {
                    let value = attribute.value.value(in: bytes)
                    switch attribute.key.value(in: bytes).stringValue {
                    case "type":
                        guard case .string(let source) = value else { continue }
                        declaration.typeSource = source
                        declaration.type = try TypeConstraint.parse(source, file: file)
                    case "default": declaration.defaultValue = value
                    case "description": declaration.description = value.stringValue
                    case "sensitive": declaration.sensitive = value == .bool(true)
                    case "nullable": declaration.nullable = value != .bool(false)
                    default: break
                    }
                }
                declarations.append(declaration)
            }
        }
        return declarations
    }

    /// Reads the `variable` blocks of one file's bytes.
    public static func parse(_ bytes: [UInt8], file: String) throws -> [VariableDeclaration] {
        let body = try HCLParser.parseBody(bytes, file: file)
        return try body.blocks.filter { $0.type == "variable" }.map { try declaration($0, bytes: bytes, file: file) }
    }

    private static func declaration(_ block: HCLBlock, bytes: [UInt8], file: String) throws -> VariableDeclaration {
        guard block.labels.count == 1, let name = block.labels.first else {
            throw HCLParseError(file: file, line: block.line, column: 1,
                                message: "Missing name for variable: a variable block needs exactly one label, its name, such as variable \"aws_region\" { … }")
        }
        var declaration = VariableDeclaration(name: name, file: file, line: block.line)
        for attribute in block.body.attributes {
            let value = attribute.expression.value(in: bytes)
            switch attribute.name {
            case "type":
                declaration.typeSource = String(decoding: bytes[attribute.expression.start..<attribute.expression.end], as: UTF8.self)
                declaration.type = try TypeConstraint.parse(attribute.expression, bytes: bytes, file: file)
            case "default":
                declaration.defaultValue = value
            case "description":
                declaration.description = value.stringValue ?? value.description
            case "sensitive":
                declaration.sensitive = value == .bool(true)
            case "nullable":
                declaration.nullable = value != .bool(false)
            default:
                break
            }
        }
        for validation in block.body.blocks where validation.type == "validation" {
            let condition = validation.body.attributes.first { $0.name == "condition" }
            let message = validation.body.attributes.first { $0.name == "error_message" }
            guard let condition else { continue }
            let messageValue = message.map { $0.expression.value(in: bytes) }
            declaration.validations.append(ValidationRule(
                condition: String(decoding: bytes[condition.expression.start..<condition.expression.end], as: UTF8.self),
                errorMessage: messageValue?.stringValue ?? messageValue?.description ?? "",
                line: condition.line))
        }
        return declaration
    }
}
