import Foundation

/// A `.tfvars` file that can be edited without changing any byte outside the edited values.
public final class TfvarsDocument: @unchecked Sendable {
    /// One `name = value` line of the file.
    public struct Assignment: Equatable, Sendable {
        public var name: String
        public var value: HCLValue
        /// The value as written in the file.
        public var valueText: String
        /// 1-based line of the name.
        public var line: Int
        /// Byte offsets of the value in the file.
        var valueStart: Int
        var valueEnd: Int
    }

    /// A name assigned more than once. Terraform rejects the file until one is removed.
    public struct DuplicateKey: Equatable, Sendable {
        public var name: String
        public var firstLine: Int
        public var secondLine: Int
    }

    /// An assignment whose value looks like a token or key, which belongs in Secrets Manager.
    public struct SuspectedSecret: Equatable, Sendable {
        public var name: String
        public var line: Int
        /// The kind of secret the value resembles, such as "a GitHub token".
        public var kind: String
    }

    /// A line such as `# repository_owner = ""`: it sets nothing.
    public struct CommentedOutKey: Equatable, Sendable {
        public var name: String
        public var line: Int
    }

    private struct Addition {
        var name: String
        var encoded: String
        var comment: String?
    }

    public let fileName: String
    private var bytes: [UInt8]
    private var entries: [Assignment] = []
    private var additions: [Addition] = []
    /// Guards the mutable state, so one document may be shared between threads.
    private let lock = NSRecursiveLock()

    /// The assignments in file order, duplicates included, without names added by `set`.
    public var assignments: [Assignment] {
        lock.lock()
        defer { lock.unlock() }
        return entries
    }

    /// The line ending for new lines: the file's first one, or LF.
    public let lineEnding: String

    /// Parses tfvars text, keeping a leading UTF-8 BOM and CRLF line endings as found.
    public init(text: String, fileName: String) throws {
        self.fileName = fileName
        bytes = Array(text.utf8)
        lineEnding = Encoding.lineEnding(of: bytes)
        let body = try HCLParser.parseBody(bytes, file: fileName)
        if let block = body.blocks.first {
            throw HCLParseError(file: fileName, line: block.line, column: 1,
                                message: "Unexpected \"\(block.type)\" block: a tfvars file may only set variables, as name = value. Move the block to a .tf file or delete it.")
        }
        entries = body.attributes.map { attribute in
            let expression = attribute.expression
            return Assignment(name: attribute.name, value: expression.value(in: bytes),
                              valueText: String(decoding: bytes[expression.start..<expression.end], as: UTF8.self),
                              line: attribute.line, valueStart: expression.start, valueEnd: expression.end)
        }
    }

    /// Reads file bytes, rejecting UTF-16 and invalid UTF-8 with a "re-save as UTF-8" message.
    public convenience init(data: Data, fileName: String) throws {
        try self.init(text: Encoding.decode(data, file: fileName), fileName: fileName)
    }

    /// Returns the value Terraform reads for `name`, or nil when the file does not set it.
    /// Commented-out lines count as unset.
    public func value(of name: String) -> HCLValue? {
        lock.lock()
        defer { lock.unlock() }

        if let assignment = entries.first(where: { $0.name == name }) { return assignment.value }
        guard let addition = additions.first(where: { $0.name == name }) else { return nil }
        return Self.parseValue(addition.encoded)
    }

    /// Names assigned more than once, with the first and each later line.
    public var duplicateKeys: [DuplicateKey] {
        lock.lock()
        defer { lock.unlock() }

        var firstLines: [String: Int] = [:]
        var duplicates: [DuplicateKey] = []
        for assignment in entries {
            if let first = firstLines[assignment.name] {
                duplicates.append(DuplicateKey(name: assignment.name, firstLine: first, secondLine: assignment.line))
            } else {
                firstLines[assignment.name] = assignment.line
            }
        }
        return duplicates
    }

    /// Assignments whose values look like GitHub tokens or AWS keys (see `SecretMask`).
    public var suspectedSecrets: [SuspectedSecret] {
        lock.lock()
        defer { lock.unlock() }

        return entries.compactMap { entry in
            SecretMask.secretKind(in: entry.valueText).map { SuspectedSecret(name: entry.name, line: entry.line, kind: $0) }
        }
    }

    /// Returns the assignments that no declared variable matches. They stay in the file.
    public func unknownKeys(declared: [VariableDeclaration]) -> [Assignment] {
        lock.lock()
        defer { lock.unlock() }

        let names = Set(declared.map(\.name))
        return entries.filter { !names.contains($0.name) }
    }

    /// Comment lines that look like an assignment, such as `# repository_owner = ""`, for
    /// names the file does not set elsewhere.
    public var commentedOutKeys: [CommentedOutKey] {
        lock.lock()
        defer { lock.unlock() }

        let pattern = #"^[ \t]*(?:#|//)[ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*="#
        guard let regex = try? NSRegularExpression(pattern: pattern, options: .anchorsMatchLines) else { return [] }
        let text = render()
        let set = Set(entries.map(\.name) + additions.map(\.name))
        var found: [CommentedOutKey] = []
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let nameRange = Range(match.range(at: 1), in: text), let lineRange = Range(match.range, in: text) else { continue }
            let name = String(text[nameRange])
            guard !set.contains(name) else { continue }
            let line = text[..<lineRange.lowerBound].reduce(1) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 }
            found.append(CommentedOutKey(name: name, line: line))
        }
        return found
    }

    /// Sets `name` to already-encoded HCL (see `ValueEncoder`). An existing assignment has only
    /// its value replaced. A new name goes into an aligned block at the end of the file, after
    /// `comment` (such as the variable's description) as a `#` line.
    public func set(_ name: String, encoded: String, comment: String?) {
        lock.lock()
        defer { lock.unlock() }

        var encoded = encoded
        // A heredoc's line endings are part of its value, so CRLF files get a one-line string.
        if lineEnding == "\r\n", encoded.hasPrefix("<<"), case .string(let text) = Self.parseValue(encoded) {
            encoded = ValueEncoder.quote(text, allowsHeredoc: false)
        }
        let replacement = Array(encoded.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: lineEnding).utf8)
        if let index = entries.firstIndex(where: { $0.name == name }) {
            let old = entries[index]
            bytes.replaceSubrange(old.valueStart..<old.valueEnd, with: replacement)
            let delta = replacement.count - (old.valueEnd - old.valueStart)
            entries[index].value = Self.parseValue(encoded)
            entries[index].valueText = String(decoding: replacement, as: UTF8.self)
            entries[index].valueEnd = old.valueStart + replacement.count
            let addedLines = replacement.filter { $0 == 0x0A }.count
            let removedLines = old.valueText.utf8.filter { $0 == 0x0A }.count
            for later in entries.indices where entries[later].valueStart > old.valueStart {
                entries[later].valueStart += delta
                entries[later].valueEnd += delta
                entries[later].line += addedLines - removedLines
            }
        } else if let index = additions.firstIndex(where: { $0.name == name }) {
            additions[index].encoded = encoded
            additions[index].comment = comment ?? additions[index].comment
        } else {
            additions.append(Addition(name: name, encoded: encoded, comment: comment))
        }
    }

    /// Renders the file's text, which is exactly the input when nothing was set.
    public func render() -> String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: bytes + additionBlock(), as: UTF8.self)
    }

    private func additionBlock() -> [UInt8] {
        guard !additions.isEmpty else { return [] }
        var text = ""
        let content = bytes.starts(with: Encoding.utf8BOM) ? Array(bytes.dropFirst(3)) : bytes
        if !content.isEmpty {
            if content.last != 0x0A { text += lineEnding }
            let endsWithBlankLine = content.suffix(2) == [0x0A, 0x0A] || content.suffix(3) == [0x0A, 0x0D, 0x0A]
            if !endsWithBlankLine { text += lineEnding }
        }
        let width = additions.map(\.name.count).max() ?? 0
        for addition in additions {
            if let comment = addition.comment?.trimmingCharacters(in: .whitespacesAndNewlines), !comment.isEmpty {
                for line in comment.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
                    text += ("# " + line).trimmingCharacters(in: .whitespaces) + lineEnding
                }
            }
            let padding = String(repeating: " ", count: width - addition.name.count)
            let value = addition.encoded.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: lineEnding)
            text += "\(addition.name)\(padding) = \(value)\(lineEnding)"
        }
        return Array(text.utf8)
    }

    static func parseValue(_ encoded: String) -> HCLValue {
        let bytes = Array(encoded.utf8)
        guard let expression = try? HCLParser.parseExpression(bytes, file: "value") else { return .expression(encoded) }
        return expression.value(in: bytes)
    }
}
