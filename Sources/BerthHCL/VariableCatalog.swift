import Foundation

/// Finds the input variables that the `.tf` files of a folder declare.
public enum VariableCatalog {
    /// Reads every `*.tf` file in the folder (not subfolders), in file name then line order.
    public static func load(folder: URL) throws -> [VariableDeclaration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".tf") }
            .sorted()
        var declarations: [VariableDeclaration] = []
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            declarations += try parse(Array(data), file: name)
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
