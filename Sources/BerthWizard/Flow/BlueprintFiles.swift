import Foundation

/// A variable the blueprint declares, as the fields form shows it.
public struct VariableSpec: Equatable, Sendable {
    public var name: String
    /// The type constraint as written, such as `string` or `list(string)`.
    public var typeText: String
    /// The default as HCL text, nil when the variable has none (it is then required).
    public var defaultText: String?
    public var description: String
    public var sensitive: Bool

    public init(name: String, typeText: String, defaultText: String?, description: String, sensitive: Bool = false) {
        self.name = name
        self.typeText = typeText
        self.defaultText = defaultText
        self.description = description
        self.sensitive = sensitive
    }

    public var isRequired: Bool { defaultText == nil }
}

/// The blueprint folder's variable declarations and its terraform.tfvars.
public protocol BlueprintFiles: AnyObject {
    /// Returns every variable declared in the folder's `.tf` files, in file then line order.
    func variables() throws -> [VariableSpec]
    /// Values set in terraform.tfvars, as the text a person would type (strings unquoted).
    /// Commented-out assignments are not set.
    func currentValues() throws -> [String: String]
    /// Values set in terraform.tfvars.example, as `currentValues()` gives them; empty when
    /// the folder has no example file.
    func exampleValues() throws -> [String: String]
    /// Keys assigned more than once in terraform.tfvars.
    func duplicateKeys() throws -> [String]
    /// Encodes `input` as HCL for the variable's type, or returns a message naming the problem.
    func encode(_ input: String, for variable: VariableSpec) -> Result<String, FieldProblem>
    /// Writes the encoded values into terraform.tfvars, keeping comments and other lines,
    /// after a backup; returns the path written.
    func write(_ encoded: [(name: String, value: String)]) throws -> URL
}

extension BlueprintFiles {
    /// Returns no example values, for files without an example.
    public func exampleValues() throws -> [String: String] { [:] }
}

/// Why a field's value cannot be written.
public struct FieldProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
