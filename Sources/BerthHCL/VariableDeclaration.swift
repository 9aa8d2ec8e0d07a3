/// One `variable "name" { … }` block from a `.tf` file.
public struct VariableDeclaration: Equatable, Sendable {
    public var name: String
    /// The `type` constraint, or `.any` when the block has none.
    public var type: TypeConstraint
    /// The `type` expression as written, or nil when there is none.
    public var typeSource: String?
    public var defaultValue: HCLValue?
    public var description: String?
    public var sensitive: Bool
    /// False only when the block sets `nullable = false`.
    public var nullable: Bool
    public var validations: [ValidationRule]
    /// The file name (without folder) and 1-based line of the `variable` keyword.
    public var file: String
    public var line: Int

    /// True when the variable has no default, so Terraform needs a value for it.
    public var isRequired: Bool { defaultValue == nil }

    public init(name: String, type: TypeConstraint = .any, typeSource: String? = nil, defaultValue: HCLValue? = nil,
                description: String? = nil, sensitive: Bool = false, nullable: Bool = true,
                validations: [ValidationRule] = [], file: String, line: Int) {
        self.name = name
        self.type = type
        self.typeSource = typeSource
        self.defaultValue = defaultValue
        self.description = description
        self.sensitive = sensitive
        self.nullable = nullable
        self.validations = validations
        self.file = file
        self.line = line
    }
}
