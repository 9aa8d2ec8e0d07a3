import Foundation

/// One parsed AWS shared config or credentials file, read with the rules botocore's
/// `configloader.py` applies (INI sections, `=` or `:` delimiters, whole-line `#`/`;` comments,
/// indented lines nesting under a key with an empty value).
public struct AWSConfigFile: Sendable, Equatable {
    /// The kind of shared file. The two kinds name profiles differently.
    public enum Kind: String, Sendable {
        /// `~/.aws/config`: `[default]` and `[profile NAME]`.
        case config
        /// `~/.aws/credentials`: `[NAME]`.
        case credentials
    }

    /// The settings of one section: plain keys, and keys with indented sub-settings.
    public struct Section: Sendable, Equatable {
        /// Lower-cased keys and their values, `#` inside values kept.
        public var values: [String: String] = [:]
        /// Keys whose value is a block of indented `key = value` lines, such as `s3 =` under `services`.
        public var nested: [String: [String: String]] = [:]
        /// The line the section header is on.
        public var line: Int

        public init(line: Int) {
            self.line = line
        }
    }

    /// A section or line the SDKs ignore or reject, worded for the user.
    public struct Warning: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String

        public var description: String { "\(file):\(line): \(message)" }
    }

    public var kind: Kind
    public var path: String
    /// Profiles by exact name (spaces kept).
    public var profiles: [String: Section] = [:]
    /// `[sso-session NAME]` sections (config only).
    public var ssoSessions: [String: Section] = [:]
    /// `[services NAME]` sections (config only).
    public var services: [String: Section] = [:]
    /// Sections that are not profiles, and profile names the SDKs reject.
    public var warnings: [Warning] = []

    /// Creates an empty file of `kind` at `path`, which is how a missing file reads.
    public init(kind: Kind, path: String) {
        self.kind = kind
        self.path = path
    }

    /// Reads `path`; a missing file gives an empty result, any other read failure throws.
    public static func load(path: String, kind: Kind) throws -> AWSConfigFile {
        guard FileManager.default.fileExists(atPath: path) else {
            return AWSConfigFile(kind: kind, path: path)
        }
        let data: Data
        do {
            // Reading through a file handle also works for character devices such as
            // /dev/null, which some people set as AWS_CONFIG_FILE to mean "no file".
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw AWSSetupError(.unreadableFile, "The AWS \(kind.rawValue) file could not be read (\(error.localizedDescription)).",
                                fix: "Check that the file exists and that you may read it.", file: path)
        }
        if let bad = UTF8Position.firstInvalid(in: data) {
            let variable = kind == .config ? "AWS_CONFIG_FILE" : "AWS_SHARED_CREDENTIALS_FILE"
            throw AWSSetupError(.unreadableFile, "The AWS \(kind.rawValue) file \(path) is not valid UTF-8: \(bad.description).",
                                fix: "Re-save \(path) as UTF-8 text, or point \(variable) at the right file.", file: path, line: bad.line)
        }
        let text = String(decoding: data, as: UTF8.self)
        return try parse(text, path: path, kind: kind)
    }

    /// Parses `text` as the file at `path`; a line that cannot be parsed throws with its line number.
    public static func parse(_ text: String, path: String, kind: Kind) throws -> AWSConfigFile {
        var file = AWSConfigFile(kind: kind, path: path)
        // A "\r\n" pair is one Character in Swift, so splitting on isNewline handles both endings.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") {
            lines[0] = String(first.dropFirst())
        }

        var current: SectionTarget?
        var currentKey: String?
        var currentKeyIndent = 0
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            let line = rawLine
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") {
                continue
            }

            let indent = line.prefix(while: { $0 == " " || $0 == "\t" }).count
            if indent > currentKeyIndent, let target = current, let key = currentKey {
                try file.addNested(trimmed, under: key, in: target, line: number)
                continue
            }

            if trimmed.hasPrefix("[") {
                guard let close = trimmed.lastIndex(of: "]") else {
                    throw AWSSetupError(.unreadableFile, "Line \(number) of \(path) starts a section but has no closing `]`: \(trimmed)",
                                        fix: "Write the section header as `[profile NAME]` (config) or `[NAME]` (credentials).",
                                        file: path, line: number)
                }
                let header = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
                    .trimmingCharacters(in: .whitespaces)
                current = file.openSection(header, line: number)
                currentKey = nil
                currentKeyIndent = 0
                continue
            }

            guard let (key, value) = splitSetting(trimmed) else {
                throw AWSSetupError(.unreadableFile, "Line \(number) of \(path) is not a `key = value` setting: \(redactedLine(trimmed))",
                                    fix: "Fix or remove the line; comments must start the line with `#` or `;`.",
                                    file: path, line: number)
            }
            guard let target = current else {
                throw AWSSetupError(.unreadableFile, "Line \(number) of \(path) is a setting before any section header.",
                                    fix: "Put it under a section such as `[default]`.", file: path, line: number)
            }
            file.setValue(value, for: key, in: target)
            currentKey = key
            currentKeyIndent = indent
        }
        return file
    }

    /// The destination of the settings in the section being read, `.ignored` for sections the SDKs do not use.
    enum SectionTarget: Equatable {
        case profile(String)
        case ssoSession(String)
        case services(String)
        case ignored
    }

    /// Registers a section header and returns where its settings go, warning about ones the SDKs ignore.
    private mutating func openSection(_ header: String, line: Int) -> SectionTarget {
        if kind == .credentials {
            if let name = Self.name(after: "profile", in: header) {
                warnings.append(Warning(file: path, line: line, message:
                    "[\(header)] in the credentials file names a profile called \"\(header)\"; the credentials file "
                    + "writes profiles without the prefix, as [\(name)]."))
            }
            return openProfile(Self.unquote(header), header: header, line: line)
        }
        if header == "default" {
            return openProfile("default", header: header, line: line)
        }
        if let name = Self.name(after: "profile", in: header) {
            return openProfile(name, header: header, line: line)
        }
        if let name = Self.name(after: "sso-session", in: header) {
            ssoSessions[name] = ssoSessions[name] ?? Section(line: line)
            return .ssoSession(name)
        }
        if let name = Self.name(after: "services", in: header) {
            services[name] = services[name] ?? Section(line: line)
            return .services(name)
        }
        warnings.append(Warning(file: path, line: line, message:
            "[\(header)] is not a profile: in the config file a named profile is written [profile \(header)] "
            + "(only [default] has no prefix), so the AWS CLI and SDKs ignore this section."))
        return .ignored
    }

    private mutating func openProfile(_ name: String, header: String, line: Int) -> SectionTarget {
        if let reason = Self.invalidNameReason(name) {
            warnings.append(Warning(file: path, line: line, message: "[\(header)] is skipped: \(reason)"))
            return .ignored
        }
        profiles[name] = profiles[name] ?? Section(line: line)
        return .profile(name)
    }

    /// Returns why the SDKs cannot use a profile named `name`, or nil when it is usable.
    public static func invalidNameReason(_ name: String) -> String? {
        if name.isEmpty {
            return "the profile name is empty."
        }
        if name.contains("/") {
            return "the profile name \"\(name)\" contains `/`, which the AWS CLI rejects (\"Unable to parse config file\"); "
                + "rename the profile without `/`."
        }
        return nil
    }

    private mutating func setValue(_ value: String, for key: String, in target: SectionTarget) {
        switch target {
        case .profile(let name): profiles[name]?.values[key] = value
        case .ssoSession(let name): ssoSessions[name]?.values[key] = value
        case .services(let name): services[name]?.values[key] = value
        case .ignored: break
        }
    }

    private mutating func addNested(_ text: String, under key: String, in target: SectionTarget, line: Int) throws {
        if let existing = value(for: key, in: target), !existing.isEmpty {
            // configparser joins an indented line under a key that has a value onto that value.
            setValue(existing + "\n" + text, for: key, in: target)
            return
        }
        guard let (subKey, value) = Self.splitSetting(text) else {
            throw AWSSetupError(.unreadableFile, "Line \(line) of \(path) is indented under `\(key)` but is not a `key = value` setting.",
                                fix: "Indent only sub-settings such as `  endpoint_url = https://…` under a key with no value.",
                                file: path, line: line)
        }
        switch target {
        case .profile(let name): profiles[name]?.nested[key, default: [:]][subKey] = value
        case .ssoSession(let name): ssoSessions[name]?.nested[key, default: [:]][subKey] = value
        case .services(let name): services[name]?.nested[key, default: [:]][subKey] = value
        case .ignored: break
        }
    }

    private func value(for key: String, in target: SectionTarget) -> String? {
        switch target {
        case .profile(let name): return profiles[name]?.values[key]
        case .ssoSession(let name): return ssoSessions[name]?.values[key]
        case .services(let name): return services[name]?.values[key]
        case .ignored: return nil
        }
    }

    /// Splits at the first `=` or `:`, lower-casing the key as Python's configparser does.
    private static func splitSetting(_ text: String) -> (String, String)? {
        guard let delimiter = text.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return nil }
        let key = text[..<delimiter].trimmingCharacters(in: .whitespaces).lowercased()
        let value = text[text.index(after: delimiter)...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { return nil }
        return (key, value)
    }

    /// Returns the name in `prefix NAME` (one or more spaces between), or nil when the header has another form.
    private static func name(after prefix: String, in header: String) -> String? {
        guard header.hasPrefix(prefix) else { return nil }
        let rest = header.dropFirst(prefix.count)
        guard let first = rest.first, first == " " || first == "\t" else { return nil }
        return unquote(rest.trimmingCharacters(in: .whitespaces))
    }

    private static func unquote(_ text: String) -> String {
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
            return String(text.dropFirst().dropLast())
        }
        return text
    }

    /// Shows a line that failed to parse without what may be a secret on it.
    private static func redactedLine(_ line: String) -> String {
        line.count > 12 ? "\"\(line.prefix(12))…\"" : "\"\(line)\""
    }
}
