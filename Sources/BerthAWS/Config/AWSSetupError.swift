/// A problem with the local AWS set-up (files, profile, region, credentials) found before or while
/// resolving credentials; `message` says what failed and `fix` what to do.
public struct AWSSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of set-up problems a caller may handle differently.
    public enum Kind: String, Sendable, Equatable {
        /// A config or credentials file could not be read or parsed.
        case unreadableFile
        /// The profile name is not allowed (such as one containing `/`).
        case invalidProfileName
        /// The chosen profile is in neither file.
        case profileNotFound
        /// No region in `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION` or the profile.
        case missingRegion
        /// The region does not look like a region name.
        case invalidRegion
        /// A setting has a value the SDKs reject.
        case invalidSetting
        /// No credential source is configured at all.
        case noCredentials
        /// A configured credential source failed (process, STS, file).
        case credentialSourceFailed
        /// The SSO token is missing or expired.
        case ssoLoginRequired
    }

    public var kind: Kind
    /// What failed, on which value.
    public var message: String
    /// What the user should do next, with the exact command where there is one.
    public var fix: String
    /// The file the problem is in, when there is one.
    public var file: String?
    /// The 1-based line in `file`, when known.
    public var line: Int?

    public init(_ kind: Kind, _ message: String, fix: String, file: String? = nil, line: Int? = nil) {
        self.kind = kind
        self.message = message
        self.fix = fix
        self.file = file
        self.line = line
    }

    public var description: String {
        var location = ""
        if let file, !message.contains(file) {
            location = line.map { "\(file):\($0): " } ?? "\(file): "
        }
        return "\(location)\(message) \(fix)"
    }
}
