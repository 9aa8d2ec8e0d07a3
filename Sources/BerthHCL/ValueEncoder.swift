import Foundation

/// Turns what a user typed into HCL text for a variable of a given type.
public enum ValueEncoder {
    /// Encodes `input` for a variable of type `type`, or explains what is wrong and how to fix it.
    /// Values shaped like tokens or keys are rejected for every type.
    public static func encode(_ input: String, as type: TypeConstraint) -> Result<String, ValueEncodingError> {
        if let kind = SecretMask.secretKind(in: input) {
            return .failure(ValueEncodingError(
                kind: .looksLikeSecret, value: SecretMask.redact(input),
                message: "The value \"\(SecretMask.redact(input))\" looks like \(kind). Secrets must not go into terraform.tfvars: enter the value this variable expects. A GitHub token belongs in Secrets Manager, and only the secret's name goes into github_token_secret_name."))
        }
        do {
            return .success(try encodeText(input, as: type))
        } catch let error as ValueEncodingError {
            return .failure(error)
        } catch {
            return .failure(ValueEncodingError(kind: .invalidText, value: input, message: "\(error)"))
        }
    }

    static func encodeText(_ input: String, as type: TypeConstraint) throws -> String {
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        switch type {
        case .string, .any:
            return quote(input)
        case .number:
            return try number(trimmed)
        case .bool:
            return try bool(trimmed)
        case .list(let element), .set(let element):
            return try list(trimmed, elementTypes: { _ in element })
        case .tuple(let elements):
            return try list(trimmed, elementTypes: { $0 < elements.count ? elements[$0] : .any }, count: elements.count)
        case .map(let element):
            return try map(trimmed, valueType: { _ in element }, attributes: nil)
        case .object(let attributes):
            return try map(trimmed, valueType: { name in attributes.first { $0.name == name }?.type }, attributes: attributes)
        }
    }

    // MARK: Scalars

    private static func number(_ text: String) throws -> String {
        let isNumeral = text.range(of: #"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil
        guard isNumeral else {
            throw ValueEncodingError(kind: .notANumber, value: text,
                                     message: "\"\(text)\" is not a number. Enter digits, such as 3, 0.5 or -2, without quotes or units.")
        }
        guard let canonical = NumberText.canonical(text) else {
            throw ValueEncodingError(kind: .notANumber, value: text,
                                     message: "\"\(text)\" has an exponent beyond ±\(NumberText.maximumExponent). Enter the number with a smaller exponent.")
        }
        return canonical
    }

    private static let trueWords: Set<String> = ["true", "yes", "y", "on", "1", "enable", "enabled"]
    private static let falseWords: Set<String> = ["false", "no", "n", "off", "0", "disable", "disabled"]

    private static func bool(_ text: String) throws -> String {
        let word = text.lowercased()
        if trueWords.contains(word) { return "true" }
        if falseWords.contains(word) { return "false" }
        throw ValueEncodingError(kind: .notABool, value: text,
                                 message: "\"\(text)\" is not true or false. Enter yes or no (or true or false).")
    }

    /// Quotes text as an HCL string, or writes a heredoc for text of several lines that ends in a newline.
    public static func quote(_ text: String, allowsHeredoc: Bool = true) -> String {
        if allowsHeredoc, text.hasSuffix("\n"), text.count > 1, let heredoc = heredoc(text) { return heredoc }
        var result = "\""
        var scalars = text.unicodeScalars.makeIterator()
        var pending: UnicodeScalar? = nil
        while let scalar = pending ?? scalars.next() {
            pending = nil
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "$", "%":
                let next = scalars.next()
                result.unicodeScalars.append(scalar)
                if next == "{" { result.unicodeScalars.append(scalar) }
                pending = next
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    result += String(format: "\\u%04X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Writes plain multi-line text as a `<<EOT` heredoc, or returns nil when it has other control characters.
    private static func heredoc(_ text: String) -> String? {
        let hasControl = text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x7F }
        guard !hasControl else { return nil }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        var marker = "EOT"
        var counter = 1
        while lines.contains(where: { $0.trimmingCharacters(in: .whitespaces) == marker }) {
            counter += 1
            marker = "EOT\(counter)"
        }
        let body = text.replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{")
        return "<<\(marker)\n\(body)\(marker)"
    }

    private static let keywordKeys: Set<String> = ["true", "false", "null", "for", "if", "in"]

    /// Writes a map key, unquoted when it is an identifier.
    public static func objectKey(_ key: String) -> String {
        let isIdentifier = key.range(of: "^[A-Za-z_][A-Za-z0-9_-]*$", options: .regularExpression) != nil
        return isIdentifier && !keywordKeys.contains(key) ? key : quote(key, allowsHeredoc: false)
    }
}
