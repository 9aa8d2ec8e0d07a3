import BerthHCL
import Foundation

/// The answers for an unattended run (`berth --answers FILE`), written as `key = value` lines
/// in the syntax of terraform.tfvars. Values are checked when the file is read: Berth's own
/// keys by type, every value for the shape of a token or key. Blueprint variables are checked
/// against the folder's declarations by `checkKeys(declared:)`.
public struct AnswersFile: Sendable {
    /// One `key = value` line.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var value: HCLValue
        /// The value as a person would type it into the wizard's field.
        public var typed: String
        public var line: Int
    }

    /// The file's path as given on the command line.
    public let path: String
    public let entries: [Entry]

    /// Key names that name a secret. Such a value never belongs in the file.
    static let secretKeyNames: Set<String> = [
        "token", "github_token", "github_pat", "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "aws_security_token", "password",
    ]

    /// Parses `text`. The `path` names the file in messages.
    public init(text: String, path: String) throws {
        self.path = path
        let document: TfvarsDocument
        do {
            document = try TfvarsDocument(text: text, fileName: path)
        } catch let error as HCLParseError {
            // HCL messages have no closing full stop; the fix follows as a new sentence.
            let problem = error.message.hasSuffix(".") ? error.message : error.message + "."
            throw AnswersError(file: path, line: error.line, problem: problem,
                               fix: "Write one key = value per line, as in terraform.tfvars (see sandbox/answers.example).")
        }

        if let duplicate = document.duplicateKeys.first {
            throw AnswersError(file: path, line: duplicate.secondLine, key: duplicate.name,
                               problem: "is set again (first on line \(duplicate.firstLine)).", fix: "Keep one of the two lines.")
        }
        for assignment in document.assignments where Self.secretKeyNames.contains(assignment.name.lowercased()) {
            throw AnswersError(file: path, line: assignment.line, key: assignment.name,
                               problem: "names a secret, and an answers file never holds one.",
                               fix: "Delete the line; Berth asks for the GitHub token on the terminal, or reads it from stdin with --token-stdin, and takes AWS credentials from the profile or the environment.")
        }
        let tokens = document.assignments.filter { TokenPattern.looksLikeToken($0.valueText.trimmingCharacters(in: CharacterSet(charactersIn: "\""))) }
        let secrets = document.suspectedSecrets.map { ($0.name, $0.line, $0.kind) } + tokens.map { ($0.name, $0.line, "a GitHub token") }
        if let (name, line, kind) = secrets.min(by: { $0.1 < $1.1 }) {
            throw AnswersError(file: path, line: line, key: name,
                               problem: "has a value that looks like \(kind), and an answers file never holds a secret.",
                               fix: "Delete the value (and revoke it if it is real); put the token in Secrets Manager, or give it with --token-stdin.")
        }

        var entries: [Entry] = []
        for assignment in document.assignments {
            let typed = try Self.typedText(assignment, path: path)
            if let key = AnswerKey.named(assignment.name) {
                try Self.checkKind(key, assignment, path: path)
            }
            entries.append(Entry(name: assignment.name, value: assignment.value, typed: typed, line: assignment.line))
        }
        self.entries = entries
    }

    /// Reads and parses the file at `path`.
    public static func load(path: String) throws -> AnswersFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AnswersError(file: path, problem: "cannot be read.", fix: "Check the path given to --answers; sandbox/answers.example shows the format.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AnswersError(file: path, problem: "is not UTF-8 text.", fix: "Save it as UTF-8.")
        }
        return try AnswersFile(text: text, path: path)
    }

    /// Returns the entry for `name`, or nil when the file does not set it.
    public func entry(_ name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// Returns the boolean value of `name`, or nil. The kind was checked when the file was read.
    public func bool(_ name: String) -> Bool? {
        guard case .bool(let flag)? = entry(name)?.value else { return nil }
        return flag
    }

    /// Returns the value of `name` as typed text, or nil.
    public func text(_ name: String) -> String? {
        entry(name)?.typed
    }

    /// Throws for the first key that is neither Berth's nor a declared variable, or that names a
    /// sensitive variable, and for an S3 state key set without `state_storage = "s3"`.
    public func checkKeys(declared: [VariableSpec]) throws {
        try checkStateStorageKeys()
        for entry in entries where AnswerKey.named(entry.name) == nil {
            guard let spec = declared.first(where: { $0.name == entry.name }) else {
                let ownKeys = AnswerKey.all.map(\.name).joined(separator: ", ")
                throw AnswersError(file: path, line: entry.line, key: entry.name,
                                   problem: "is not an answer Berth knows: neither one of its own keys (\(ownKeys)) nor a variable declared in the folder's .tf files.",
                                   fix: "Check the spelling, or delete the line.")
            }
            if spec.sensitive {
                throw AnswersError(file: path, line: entry.line, key: entry.name,
                                   problem: "is declared sensitive, and an answers file never holds a secret.",
                                   fix: "Delete the line and give the value through the environment (TF_VAR_\(entry.name)) or a secret store.")
            }
        }
    }

    /// Throws when a variable without a default is set neither in the file nor in `provided`
    /// (terraform.tfvars and the values the wizard fills in), so a run stops before it changes
    /// anything in the account.
    public func checkRequired(declared: [VariableSpec], provided: Set<String>) throws {
        let missing = declared.filter { $0.isRequired && entry($0.name) == nil && !provided.contains($0.name) }.map(\.name)
        guard let first = missing.first else { return }
        let others = missing.dropFirst()
        let also = others.isEmpty ? "" : " The same holds for \(others.joined(separator: ", "))."
        throw AnswersError(file: path, key: first,
                           problem: "is required (the variable has no default) and set neither in the file nor in terraform.tfvars.\(also)",
                           fix: "Add a line \(first) = <value>\(others.isEmpty ? "" : " for each of them") to the file.")
    }

    /// Throws for the first value that the wizard would reject later: a blueprint variable whose
    /// value does not fit its declared type or the form's checks (with `existing`, the values in
    /// terraform.tfvars, and `region`, the region the run checks in), or a secret name AWS does not
    /// allow. Called before the run starts, so a bad value stops it before anything changes.
    public func checkValues(declared: [VariableSpec], existing: [String: String], region: String?, files: BlueprintFiles) throws {
        var prefill: [String: String] = [:]
        for entry in entries where declared.contains(where: { $0.name == entry.name }) {
            prefill[entry.name] = entry.typed
        }
        var form = FieldsForm(specs: declared, existing: existing, prefill: prefill, checkedRegion: region)
        for entry in entries where prefill[entry.name] != nil {
            guard !form.validate(entry.name, files: files), let problem = form.errors[entry.name] else { continue }
            throw AnswersError(file: path, line: entry.line, key: entry.name,
                               problem: "is \(entry.value), which does not fit the variable: \(problem)",
                               fix: "Correct the value in the file; nothing was changed in the account.")
        }
        for (name, partner) in [("cpu", "memory"), ("memory", "cpu")] {
            // Fargate sizes are pairs, so a value from the file can clash with its partner from terraform.tfvars.
            guard let entry = entry(name), prefill[name] != nil, prefill[partner] == nil,
                  let problem = form.errors[partner] else { continue }
            let source = existing[partner] != nil ? "from terraform.tfvars" : "(the default)"
            throw AnswersError(file: path, line: entry.line, key: entry.name,
                               problem: "is \(entry.value), which does not fit \(partner) = \(form.values[partner] ?? "") \(source): \(problem)",
                               fix: "Correct the value, or add a line \(partner) = <value> to the file; nothing was changed in the account.")
        }

        if let entry = entry("github_token_secret_name") {
            do {
                _ = try SecretName(parsing: entry.typed)
            } catch {
                throw AnswersError(file: path, line: entry.line, key: entry.name, problem: "\(error)",
                                   fix: "Give the secret's name, such as ecs-github-token; nothing was changed in the account.")
            }
        }
    }

    /// Throws when an S3 state key is set without `state_storage = "s3"`: the run would ignore it.
    private func checkStateStorageKeys() throws {
        guard text("state_storage") != AnswerKey.s3State,
              let stray = entries.first(where: { AnswerKey.s3StateKeys.contains($0.name) }) else { return }
        let storage = entry("state_storage").map { "state_storage is \"\($0.typed)\" (line \($0.line))" } ?? "the file does not set state_storage, so the state storage stays as it is"
        throw AnswersError(file: path, line: stray.line, key: stray.name,
                           problem: "only applies to S3 state, but \(storage).",
                           fix: "Add state_storage = \"\(AnswerKey.s3State)\" to use the bucket, or delete the line.")
    }

    /// Returns where `name` is set, such as `answers.hcl line 4`, or the file alone.
    public func location(of name: String) -> String {
        entry(name).map { "\(path) line \($0.line)" } ?? path
    }

    private static func typedText(_ assignment: TfvarsDocument.Assignment, path: String) throws -> String {
        switch assignment.value {
        case .string(let text): return text
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .tuple, .object: return assignment.valueText
        case .null:
            throw AnswersError(file: path, line: assignment.line, key: assignment.name,
                               problem: "is null.", fix: "Give a value, or delete the line to keep the default.")
        case .expression(let text):
            throw AnswersError(file: path, line: assignment.line, key: assignment.name,
                               problem: "is the expression \(text), but answers are literal values.",
                               fix: "Write the value itself, such as \"text\", 3 or true.")
        }
    }

    private static func checkKind(_ key: AnswerKey, _ assignment: TfvarsDocument.Assignment, path: String) throws {
        switch (key.kind, assignment.value) {
        case (.text, .string), (.bool, .bool):
            return
        case (.choice(let options), .string(let text)) where options.contains(text):
            return
        case (.choice(let options), _):
            throw AnswersError(file: path, line: assignment.line, key: key.name,
                               problem: "is \(assignment.valueText), but it takes one of \(options.map { "\"\($0)\"" }.joined(separator: ", ")).",
                               fix: "Write, for example, \(key.example).")
        case (.bool, _):
            throw AnswersError(file: path, line: assignment.line, key: key.name,
                               problem: "is \(assignment.valueText), but it takes true or false (without quotes).",
                               fix: "Write, for example, \(key.example).")
        case (.text, _):
            throw AnswersError(file: path, line: assignment.line, key: key.name,
                               problem: "is \(assignment.valueText), but it takes a quoted string.",
                               fix: "Write, for example, \(key.example).")
        }
    }
}
