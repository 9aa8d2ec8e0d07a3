import Foundation

/// A Secrets Manager secret name as the person entered it: a plain name or an ARN.
public struct SecretName: Equatable, Sendable {
    /// Names to try, best first. An ARN whose name ends in `-` plus six
    /// characters is ambiguous: that part may be the random suffix or part of the name.
    public var candidates: [String]
    /// The region in the ARN, when an ARN was entered.
    public var arnRegion: String?

    public static let allowedCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_+=.@-")

    /// Parses `input`; throws a message naming the bad character when the name is invalid.
    public init(parsing input: String) throws {
        let trimmed = input.trimmingCharacters(in: .whitespaces)
        var name = trimmed
        var region: String?
        if trimmed.hasPrefix("arn:") {
            let parts = trimmed.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false)
            guard parts.count == 7, parts[2] == "secretsmanager", parts[5] == "secret", !parts[6].isEmpty else {
                throw SecretNameError(message: "\"\(trimmed)\" is not a Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME).")
            }
            region = parts[3].isEmpty ? nil : String(parts[3])
            name = String(parts[6])
        }
        guard !name.isEmpty else {
            throw SecretNameError(message: "The secret name is empty; enter the name of the secret that holds the GitHub token, such as ecs-github-token.")
        }
        guard name.count <= 512 else {
            throw SecretNameError(message: "The secret name is \(name.count) characters long; Secrets Manager allows at most 512.")
        }
        if let bad = name.unicodeScalars.first(where: { !SecretName.allowedCharacters.contains($0) }) {
            throw SecretNameError(message: "The secret name \"\(name)\" contains \"\(bad)\"; names may contain only letters, digits and /_+=.@-.")
        }

        var candidates = [name]
        if region != nil, let dash = name.lastIndex(of: "-") {
            let suffix = name[name.index(after: dash)...]
            if suffix.count == 6, suffix.allSatisfy({ $0.isLetter || $0.isNumber }) {
                candidates.insert(String(name[..<dash]), at: 0)
            }
        }
        self.candidates = candidates
        self.arnRegion = region
    }

    /// The plain name `github_token_secret_name` takes.
    public var name: String { candidates[0] }
}

public struct SecretNameError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
