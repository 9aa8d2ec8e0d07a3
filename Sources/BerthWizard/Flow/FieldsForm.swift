import Foundation

/// The tfvars form: one field per declared variable, pre-filled from
/// terraform.tfvars and the earlier steps, validated before anything is written.
public struct FieldsForm: Sendable {
    public private(set) var specs: [VariableSpec]
    /// Values as typed, by variable name.
    public private(set) var values: [String: String]
    public private(set) var errors: [String: String] = [:]
    /// Values terraform.tfvars held when the form was built.
    public let existing: [String: String]
    /// The region the checks ran in; `aws_region` must match it.
    public var checkedRegion: String?

    /// Names of the fields pre-filled from terraform.tfvars.example.
    public let fromExample: Set<String>

    /// Fills each field from `prefill` (the checks' answers), else terraform.tfvars, else the
    /// default, else `example` (terraform.tfvars.example), so an example never overrides a value.
    public init(specs: [VariableSpec], existing: [String: String], prefill: [String: String], checkedRegion: String?, example: [String: String] = [:]) {
        self.specs = specs
        self.existing = existing
        self.checkedRegion = checkedRegion
        var values: [String: String] = [:]
        var fromExample: Set<String> = []
        for spec in specs {
            if let answer = prefill[spec.name], !answer.isEmpty {
                values[spec.name] = answer
            } else if let current = existing[spec.name] {
                values[spec.name] = current
            } else if let defaultText = spec.defaultText {
                values[spec.name] = FieldsForm.typedText(fromHCL: defaultText)
            } else if let sample = example[spec.name], !sample.isEmpty {
                values[spec.name] = sample
                fromExample.insert(spec.name)
            } else {
                values[spec.name] = ""
            }
        }
        self.values = values
        self.fromExample = fromExample
    }

    public func spec(_ name: String) -> VariableSpec? {
        specs.first { $0.name == name }
    }

    public mutating func set(_ name: String, _ value: String) {
        values[name] = value
        errors[name] = nil
    }

    /// Validates one field (and its partner, for cpu and memory); returns whether it is valid.
    @discardableResult
    public mutating func validate(_ name: String, files: BlueprintFiles) -> Bool {
        errors[name] = problem(name, files: files)
        if name == "cpu" || name == "memory" {
            let other = name == "cpu" ? "memory" : "cpu"
            if spec(other) != nil { errors[other] = problem(other, files: files) }
        }
        return errors[name] == nil
    }

    /// Validates every field; returns whether all are valid.
    public mutating func validateAll(files: BlueprintFiles) -> Bool {
        for spec in specs {
            errors[spec.name] = problem(spec.name, files: files)
        }
        return errors.values.allSatisfy { $0.isEmpty }
    }

    /// Returns the encoded values to write: fields with a value that is required, already in
    /// terraform.tfvars, or different from the default. With `changedOnly`, values still equal
    /// to terraform.tfvars are left out, so writing keeps their lines byte for byte.
    public func encodedValues(files: BlueprintFiles, changedOnly: Bool = false) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for spec in specs {
            let value = values[spec.name] ?? ""
            if value.isEmpty { continue }
            if changedOnly && existing[spec.name] == value { continue }
            let isDefault = spec.defaultText.map { FieldsForm.typedText(fromHCL: $0) == value } ?? false
            guard spec.isRequired || existing[spec.name] != nil || !isDefault else { continue }
            if case .success(let encoded) = files.encode(value, for: spec) {
                result.append((spec.name, encoded))
            }
        }
        return result
    }

    /// Builds the screen fields, required ones marked, with each description as help.
    public func formFields() -> [FormField] {
        specs.map { spec in
            var help = spec.description.isEmpty ? spec.typeText : "\(spec.description) (\(spec.typeText))"
            if let defaultText = spec.defaultText {
                help += "; default \(defaultText)"
            }
            if let current = existing[spec.name] {
                help += "; terraform.tfvars has \(current)"
            }
            if fromExample.contains(spec.name) {
                help += "; pre-filled from terraform.tfvars.example, check it"
            }
            if let warning = advisory(spec.name) {
                help = "Warning: \(warning) \(help)"
            }
            return FormField(
                id: spec.name,
                label: spec.name,
                value: values[spec.name] ?? "",
                help: help,
                required: spec.isRequired,
                error: errors[spec.name]
            )
        }
    }

    private func problem(_ name: String, files: BlueprintFiles) -> String? {
        guard let spec = spec(name) else { return nil }
        let value = values[name] ?? ""

        if TokenPattern.looksLikeToken(value) {
            return TokenPattern.rejection(for: spec)
        }
        if value.trimmingCharacters(in: .whitespaces).isEmpty {
            return spec.isRequired ? "Required: \(name) has no default; enter a value." : nil
        }
        if let invisible = InvisibleCharacters.firstProblem(in: value) {
            return "\(name) contains \(invisible), which the screen cannot show; retype the value without it."
        }
        if case .failure(let problem) = files.encode(value, for: spec) {
            return problem.message
        }
        if name == "aws_region" {
            if !RegionCheck.isWellFormed(value) {
                return "\"\(value)\" is not a region name; use a region such as us-west-2, not an availability zone."
            }
            if let checked = checkedRegion, checked != value {
                return "The checks ran in \(checked); aws_region = \(value) would deploy elsewhere. Use \(checked), or restart Berth with --region \(value)."
            }
        }
        if name == "memory" || name == "cpu", let cpu = Int(values["cpu"] ?? ""), let memory = Int(values["memory"] ?? "") {
            if let message = FargateSizes.problem(cpu: cpu, memory: memory) {
                return name == "memory" || FargateSizes.memoryByCPU[cpu] == nil ? message : nil
            }
        }
        return nil
    }

    private func advisory(_ name: String) -> String? {
        if name == "repository_owner", values[name]?.lowercased() == "aws-ia" {
            return "aws-ia is the upstream owner; CodePipeline needs your own fork, so enter your GitHub user or organisation."
        }
        return nil
    }

    /// Returns the text a person would type for an HCL literal: strings without their quotes.
    public static func typedText(fromHCL text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\""),
           let decoded = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8), options: [.fragmentsAllowed]) as? String,
           !trimmed.contains("${") {
            return decoded
        }
        return trimmed
    }
}
