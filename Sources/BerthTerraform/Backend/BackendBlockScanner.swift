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
/// NOTE: this is a line scan, not an HCL parse. It skips comments and heredocs, and it
/// finds a block only when `backend "TYPE"` or `cloud {` starts a line. A block opened in
/// the middle of a line, such as `terraform { backend "s3" {} }`, is missed. In JSON files
/// it reports any line with a `"backend"` or `"cloud"` property name.
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

            let code = stripComments(rawLine, inBlockComment: &inBlockComment).trimmingCharacters(in: .whitespaces)
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

    /// Returns `TYPE` for a line starting `backend "TYPE"` or `backend TYPE`, and `cloud` for
    /// a line starting `cloud {`.
    private static func blockKind(_ code: String) -> String? {
        let backend = #"^backend\s+"?([A-Za-z0-9_-]*)"?\s*(\{|$)"#
        if let range = code.range(of: backend, options: .regularExpression) {
            let label = code[range].dropFirst("backend".count)
                .trimmingCharacters(in: CharacterSet(charactersIn: " \t\"{"))
            return label.isEmpty ? "backend" : label
        }
        if code.range(of: #"^cloud\s*(\{|$)"#, options: .regularExpression) != nil {
            return "cloud"
        }
        return nil
    }

    /// Removes `#` and `//` line comments and `/* */` comments, carrying an open block
    /// comment over to the next line. Comment markers inside quoted strings are kept.
    private static func stripComments(_ line: Substring, inBlockComment: inout Bool) -> String {
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
                result.append(character)
                if character == "\\", let next {
                    result.append(next)
                    index += 1
                } else if character == "\"" {
                    inString = false
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
