import Foundation

/// A secret's metadata; never its value.
public struct SecretDescription: Sendable, Equatable {
    public var name: String
    public var arn: String
    /// The KMS key that encrypts the value; nil for the account's default `aws/secretsmanager` key.
    public var kmsKeyID: String?
    /// When the secret was scheduled for deletion; such a secret can be restored until then.
    public var deletedDate: Date?
    /// The secret's own description text.
    public var descriptionText: String?

    /// Creates a value, as the service would return it.
    public init(name: String, arn: String, kmsKeyID: String? = nil, deletedDate: Date? = nil, descriptionText: String? = nil) {
        self.name = name
        self.arn = arn
        self.kmsKeyID = kmsKeyID
        self.deletedDate = deletedDate
        self.descriptionText = descriptionText
    }
}

/// A secret's current value, kept in memory only; `description` shows its form and size, never the value.
public struct SecretValue: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The form of a secret's value.
    public enum Content: Sendable, Equatable {
        case string(String)
        case binary(Data)
        /// Neither `SecretString` nor `SecretBinary` was present.
        case empty
    }

    public var name: String
    public var arn: String
    public var versionID: String?
    public var content: Content

    /// Creates a value, as the service would return it.
    public init(name: String, arn: String, versionID: String? = nil, content: Content) {
        self.name = name
        self.arn = arn
        self.versionID = versionID
        self.content = content
    }

    public var description: String {
        switch content {
        case .string(let value): return "SecretValue(\(name), string of \(value.count) characters)"
        case .binary(let data): return "SecretValue(\(name), binary of \(data.count) bytes)"
        case .empty: return "SecretValue(\(name), empty)"
        }
    }

    public var debugDescription: String { description }
}

/// AWS Secrets Manager (JSON 1.1 protocol).
public struct SecretsManagerClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Returns the metadata of the secret `id` (a name or ARN).
    public func describeSecret(id: String) throws -> SecretDescription {
        let object = try client.json(.secretsManager, operation: "DescribeSecret", body: ["SecretId": id])
        return Self.description(object)
    }

    /// Returns the current value of the secret `id`; either `SecretString` or `SecretBinary` may be missing.
    public func getSecretValue(id: String) throws -> SecretValue {
        let object = try client.json(.secretsManager, operation: "GetSecretValue", body: ["SecretId": id])
        let content: SecretValue.Content
        if let string = object["SecretString"] as? String {
            content = .string(string)
        } else if let base64 = object["SecretBinary"] as? String {
            content = .binary(Data(base64Encoded: base64) ?? Data(base64.utf8))
        } else {
            content = .empty
        }
        return SecretValue(name: object["Name"] as? String ?? id, arn: object["ARN"] as? String ?? "",
                           versionID: object["VersionId"] as? String, content: content)
    }

    /// Creates a secret holding `secretString`; the value is sent once and not kept.
    public func createSecret(name: String, secretString: String, description: String? = nil) throws -> SecretDescription {
        var body: [String: Any] = ["Name": name, "SecretString": secretString,
                                   "ClientRequestToken": UUID().uuidString.lowercased()]
        if let description { body["Description"] = description }
        let object = try client.json(.secretsManager, operation: "CreateSecret", body: body, isIdempotent: true)
        return SecretDescription(name: object["Name"] as? String ?? name, arn: object["ARN"] as? String ?? "",
                                 kmsKeyID: nil, deletedDate: nil, descriptionText: description)
    }

    /// Stores `secretString` as the new current value of the secret `id`; the value is sent once and not kept.
    /// Returns the secret's name, ARN and the new version's id.
    @discardableResult
    public func putSecretValue(id: String, secretString: String) throws -> (name: String, arn: String, versionID: String?) {
        let body: [String: Any] = ["SecretId": id, "SecretString": secretString,
                                   "ClientRequestToken": UUID().uuidString.lowercased()]
        let object = try client.json(.secretsManager, operation: "PutSecretValue", body: body, isIdempotent: true)
        return (object["Name"] as? String ?? id, object["ARN"] as? String ?? "", object["VersionId"] as? String)
    }

    /// Returns every secret whose name matches `nameFilter` (a prefix, as the `name` filter of ListSecrets),
    /// following `NextToken` across pages; nil lists all.
    public func listSecrets(nameFilter: String? = nil) throws -> [SecretDescription] {
        var secrets: [SecretDescription] = []
        var token: String?
        repeat {
            var body: [String: Any] = ["MaxResults": 100, "IncludePlannedDeletion": true]
            if let nameFilter { body["Filters"] = [["Key": "name", "Values": [nameFilter]]] }
            if let token { body["NextToken"] = token }
            let object = try client.json(.secretsManager, operation: "ListSecrets", body: body)
            secrets += (object["SecretList"] as? [[String: Any]] ?? []).map(Self.description)
            token = (object["NextToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return secrets
    }

    /// Cancels the scheduled deletion of the secret `id`.
    public func restoreSecret(id: String) throws -> SecretDescription {
        let object = try client.json(.secretsManager, operation: "RestoreSecret", body: ["SecretId": id])
        return SecretDescription(name: object["Name"] as? String ?? id, arn: object["ARN"] as? String ?? "",
                                 kmsKeyID: nil, deletedDate: nil, descriptionText: nil)
    }

    /// Returns whether `name` is a valid secret name: 1 to 512 characters from letters, digits and `/_+=.@-`.
    public static func isValidName(_ name: String) -> Bool {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "/_+=.@-"))
        return (1...512).contains(name.count) && name.unicodeScalars.allSatisfy { $0.isASCII && allowed.contains($0) }
    }

    /// Returns the secret names an identifier may stand for. A plain name is itself. An ARN ends in the name
    /// plus `-` and six random characters, but a partial ARN leaves those out, so when the last
    /// hyphen is followed by six characters both readings are returned, the shorter first.
    public static func nameCandidates(from identifier: String) -> [String] {
        let parts = identifier.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false)
        guard identifier.hasPrefix("arn:"), parts.count == 7, parts[2] == "secretsmanager", parts[5] == "secret" else {
            return [identifier]
        }
        let name = String(parts[6])
        if let hyphen = name.lastIndex(of: "-"), name.distance(from: hyphen, to: name.endIndex) == 7 {
            return [String(name[..<hyphen]), name]
        }
        return [name]
    }

    static func description(_ object: [String: Any]) -> SecretDescription {
        SecretDescription(name: object["Name"] as? String ?? "", arn: object["ARN"] as? String ?? "",
                          kmsKeyID: object["KmsKeyId"] as? String,
                          deletedDate: (object["DeletedDate"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue) },
                          descriptionText: object["Description"] as? String)
    }
}
