import Foundation

extension S3BackendConfiguration {
    /// Reads back the settings of a file that `backendFileContents()` wrote, so the wizard can
    /// show them and offer them again. Returns nil when the text lacks a bucket, key or region,
    /// for example when a person rewrote the file by hand in another layout.
    public init?(backendFileText text: String) {
        var values: [String: String] = [:]
        var flags: [String: Bool] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let code = line.trimmingCharacters(in: .whitespaces)
            guard !code.hasPrefix("#"), let equals = code.firstIndex(of: "=") else { continue }
            let name = code[..<equals].trimmingCharacters(in: .whitespaces)
            let value = code[code.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value == "true" || value == "false" {
                flags[name] = value == "true"
            } else if let literal = Self.unquoted(value) {
                values[name] = literal
            }
        }

        guard let bucket = values["bucket"], let key = values["key"], let region = values["region"] else { return nil }
        let locking: Locking = values["dynamodb_table"].map { .dynamoDBTable($0) } ?? .lockfile
        let endpoint = values["s3"].flatMap(URL.init(string:)).map { EndpointOverride(url: $0, usePathStyle: flags["use_path_style"] ?? true) }
        self.init(bucket: bucket, key: key, region: region, locking: locking, encrypt: flags["encrypt"] ?? true, endpoint: endpoint)
    }

    /// Undoes `quoted(_:)`; nil when `literal` is not one quoted string.
    static func unquoted(_ literal: String) -> String? {
        guard literal.count >= 2, literal.hasPrefix("\""), literal.hasSuffix("\"") else { return nil }
        let body = Array(literal.dropFirst().dropLast())
        var text = ""
        var index = 0
        while index < body.count {
            let character = body[index]
            if character == "\\", index + 1 < body.count {
                switch body[index + 1] {
                case "n": text += "\n"
                case "r": text += "\r"
                case "t": text += "\t"
                default: text.append(body[index + 1])
                }
                index += 2
                continue
            }
            if character == "\"" { return nil }
            text.append(character)
            index += 1
        }
        return text
            .replacingOccurrences(of: "$${", with: "${")
            .replacingOccurrences(of: "%%{", with: "%{")
    }
}
