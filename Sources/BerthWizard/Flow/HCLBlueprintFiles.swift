import BerthHCL
import Foundation

/// `BlueprintFiles` over BerthHCL: variables from every `.tf` file of the
/// folder, values from `terraform.tfvars`, written back in place.
public final class HCLBlueprintFiles: BlueprintFiles, @unchecked Sendable {
    public let folder: URL
    private let lock = NSLock()
    private var declarations: [VariableDeclaration]?

    public init(folder: URL) {
        self.folder = folder
    }

    public var tfvarsURL: URL { folder.appendingPathComponent("terraform.tfvars") }

    public func variables() throws -> [VariableSpec] {
        try loadDeclarations().map { declaration in
            VariableSpec(
                name: declaration.name,
                typeText: declaration.typeSource ?? declaration.type.description,
                defaultText: declaration.defaultValue?.description,
                description: declaration.description ?? "",
                sensitive: declaration.sensitive
            )
        }
    }

    public func currentValues() throws -> [String: String] {
        try values(in: tfvarsURL)
    }

    /// The reference layout's `terraform.tfvars.example`, next to terraform.tfvars.
    public var exampleURL: URL { folder.appendingPathComponent("terraform.tfvars.example") }

    public func exampleValues() throws -> [String: String] {
        try values(in: exampleURL)
    }

    private func values(in url: URL) throws -> [String: String] {
        let document = try TfvarsFile.read(url)
        var values: [String: String] = [:]
        for assignment in document.assignments where values[assignment.name] == nil {
            values[assignment.name] = HCLBlueprintFiles.typedText(assignment.value)
        }
        return values
    }

    public func duplicateKeys() throws -> [String] {
        let document = try TfvarsFile.read(tfvarsURL)
        var names: [String] = []
        for duplicate in document.duplicateKeys where !names.contains(duplicate.name) {
            names.append(duplicate.name)
        }
        return names
    }

    public func encode(_ input: String, for variable: VariableSpec) -> Result<String, FieldProblem> {
        let type = (try? loadDeclarations())?.first { $0.name == variable.name }?.type ?? .any
        switch ValueEncoder.encode(input, as: type) {
        case .success(let encoded):
            return .success(encoded)
        case .failure(let error):
            return .failure(FieldProblem(error.message))
        }
    }

    public func write(_ encoded: [(name: String, value: String)]) throws -> URL {
        let document = try TfvarsFile.read(tfvarsURL)
        let descriptions = Dictionary((try loadDeclarations()).map { ($0.name, $0.description ?? "") }, uniquingKeysWith: { first, _ in first })
        for (name, value) in encoded {
            document.set(name, encoded: value, comment: descriptions[name])
        }
        try TfvarsFile.write(document, to: tfvarsURL)
        return tfvarsURL
    }

    private func loadDeclarations() throws -> [VariableDeclaration] {
        lock.lock()
        defer { lock.unlock() }
        if let declarations { return declarations }
        let loaded = try VariableCatalog.load(folder: folder)
        declarations = loaded
        return loaded
    }

    /// Formats a value as a person would type it: strings without quotes, lists as comma-separated items.
    static func typedText(_ value: HCLValue) -> String {
        switch value {
        case .string(let text):
            // A heredoc in a CRLF file keeps its carriage returns; a person types only newlines.
            return text.replacingOccurrences(of: "\r\n", with: "\n")
        case .tuple(let items) where items.allSatisfy({ if case .string = $0 { return true }; if case .number = $0 { return true }; return false }):
            return items.map { $0.stringValue ?? $0.description }.joined(separator: ", ")
        default:
            return value.description
        }
    }
}
