import Foundation

/// A `backend` or `cloud` block found in a configuration file.
public struct BackendBlockLocation: Equatable, Sendable, CustomStringConvertible {
    /// The file name within the folder, such as `versions.tf`.
    public var file: String
    /// The 1-based line where the block starts.
    public var line: Int
    /// The backend type, such as `s3` or `local`; `cloud` for an HCP Terraform `cloud` block.
    public var kind: String

    public init(file: String, line: Int, kind: String) {
        self.file = file
        self.line = line
        self.kind = kind
    }

    public var description: String {
        kind == "cloud" ? "a cloud block in \(file) line \(line)" : "a backend \"\(kind)\" block in \(file) line \(line)"
    }
}

/// Finds `backend` and `cloud` blocks in the `*.tf` and `*.tf.json` files of one folder
/// (Terraform reads only the top level of the root module's folder).
///
/// NOTE: this is a line scan, not an HCL parse. It skips comments, quoted strings and
/// heredocs, and finds `backend "TYPE" {` or `cloud {` anywhere else, so a nested block of
/// a resource with one of those names would also be reported. In JSON files it reports
/// any line with a `"backend"` or `"cloud"` property name.
public enum BackendBlockScanner {
    /// Returns the blocks of every configuration file in `folder` except those named in
    /// `excluding`, in file name then line order.
    public static func scan(folder: URL, excluding: Set<String> = []) throws -> [BackendBlockLocation] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".tf") || $0.hasSuffix(".tf.json") }
            .filter { !excluding.contains($0) }
            .sorted()

        var found: [BackendBlockLocation] = []
        for name in names {
            let url = folder.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            let data = try Data(contentsOf: url)
            let text = String(decoding: data, as: UTF8.self)
            found += name.hasSuffix(".json") ? scanJSON(text, file: name) : scanHCL(text, file: name)
        }
        return found
    }

    /// Returns the blocks in native-syntax HCL text.
    static func scanHCL(_ text: String, file: String) -> [BackendBlockLocation] {
        var found: [BackendBlockLocation] = []
        var inBlockComment = false
        var heredocEnd: String?

        for (index, rawLine) in lines(of: text).enumerated() {
            if let marker = heredocEnd {
                if rawLine.trimmingCharacters(in: .whitespaces) == marker {
                    heredocEnd = nil
                }
                continue
            }

            let code = maskedCode(rawLine, inBlockComment: &inBlockComment).trimmingCharacters(in: .whitespaces)
            if let kind = blockKind(code) {
                found.append(BackendBlockLocation(file: file, line: index + 1, kind: kind))
            }
            heredocEnd = heredocMarker(code)
        }
        return found
    }

    /// Returns the lines of JSON text that name a `backend` or `cloud` property.
    static func scanJSON(_ text: String, file: String) -> [BackendBlockLocation] {
        var found: [BackendBlockLocation] = []
        for (index, line) in lines(of: text).enumerated() {
            for kind in ["backend", "cloud"] where line.range(of: #""\#(kind)"\s*:"#, options: .regularExpression) != nil {
                found.append(BackendBlockLocation(file: file, line: index + 1, kind: kind == "cloud" ? "cloud" : jsonBackendType(after: line) ?? "backend"))
            }
        }
        return found
    }

    private static func lines(of text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }

    /// Returns `TYPE` for a line with `backend "TYPE" {` or `backend TYPE {`, and `cloud` for
    /// a line with `cloud {`, each at the start or after a space, `{` or `;`.
    private static func blockKind(_ code: String) -> String? {
        let backend = #"(^|[\s{;])backend\s+("[A-Za-z0-9_-]*"|[A-Za-z0-9_-]+)\s*(\{|$)"#
        if let range = code.range(of: backend, options: .regularExpression) {
            let header = code[range].drop(while: { $0 != "b" }).dropFirst("backend".count)
            let label = header.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"{"))
            return label.isEmpty ? "backend" : label
        }
        if code.range(of: #"(^|[\s{;])cloud\s*(\{|$)"#, options: .regularExpression) != nil {
            return "cloud"
        }
        return nil
    }

    /// Removes `#` and `//` line comments and `/* */` comments, carrying an open block
    /// comment over to the next line. Inside quoted strings, every character other than a
    /// letter, digit, `_` or `-` becomes U+E000, so no block header can match there while a
    /// quoted block label stays readable.
    private static func maskedCode(_ line: Substring, inBlockComment: inout Bool) -> String {
        var result = ""
        var inString = false
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if inBlockComment {
                if character == "*", next == "/" {
                    inBlockComment = false
                    index += 1
                }
            } else if inString {
                if character == "\\", next != nil {
                    result += "\u{E000}\u{E000}"
                    index += 1
                } else if character == "\"" {
                    result.append(character)
                    inString = false
                } else {
                    result.append(isLabelCharacter(character) ? character : "\u{E000}")
                }
            } else if character == "#" || (character == "/" && next == "/") {
                break
            } else if character == "/", next == "*" {
                inBlockComment = true
                index += 1
            } else {
                if character == "\"" { inString = true }
                result.append(character)
            }
            index += 1
        }
        return result
    }

    private static func isLabelCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-")
    }

    /// Returns the end marker when the line opens a heredoc (`<<EOT` or `<<-EOT`).
    private static func heredocMarker(_ code: String) -> String? {
        guard let range = code.range(of: #"<<-?([A-Za-z_][A-Za-z0-9_-]*)$"#, options: .regularExpression) else { return nil }
        return String(code[range].drop(while: { $0 == "<" || $0 == "-" }))
    }

    /// Returns the backend type when the same line continues with `{ "TYPE"`.
    private static func jsonBackendType(after line: Substring) -> String? {
        guard let range = line.range(of: #""backend"\s*:\s*\{\s*"([A-Za-z0-9_-]+)""#, options: .regularExpression) else { return nil }
        let match = line[range]
        let parts = match.split(separator: "\"")
        return parts.last.map(String.init)
    }
}
