import Foundation

/// Keeps the start of what the engine wrote on stderr, up to a limit, and turns it into
/// events once the exit code is known.
final class StderrCollector: @unchecked Sendable {
    /// stderr carries short error texts; 64 KiB keeps any of them whole.
    static let limit = 64 << 10

    private let lock = NSLock()
    private var bytes = Data()
    private var dropped = 0

    func append(_ chunk: Data) {
        lock.lock()
        defer { lock.unlock() }
        let room = max(0, StderrCollector.limit - bytes.count)
        bytes.append(chunk.prefix(room))
        dropped += max(0, chunk.count - room)
    }

    /// Returns an error diagnostic made from the text when `exitCode` is not 0; warning log lines
    /// otherwise (such as the CLI configuration warning).
    func events(exitCode: Int32, decoder: RunEventDecoder) -> [RunEvent] {
        lock.lock()
        let text = String(decoding: bytes, as: UTF8.self)
        let omitted = dropped
        lock.unlock()

        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.cleanLine(String($0)) }
        guard lines.contains(where: { !$0.isEmpty }) else { return [] }

        if exitCode == 0 {
            return lines.filter { !$0.isEmpty }.map { .log(LogLine(message: decoder.cap($0), level: "warn", source: .stderr)) }
        }
        var diagnostic = StderrCollector.diagnostic(from: lines, exitCode: exitCode)
        if omitted > 0 {
            diagnostic.detail += "\n(\(omitted) more bytes of stderr were not kept)"
        }
        diagnostic.detail = decoder.cap(diagnostic.detail)
        return [.diagnostic(diagnostic)]
    }

    /// Builds a diagnostic whose summary is the first `Error: …` line and whose detail is the
    /// lines after it. Without such a line, the whole text is the detail.
    static func diagnostic(from lines: [String], exitCode: Int32) -> Diagnostic {
        if let index = lines.firstIndex(where: { $0.hasPrefix("Error: ") }) {
            let summary = String(lines[index].dropFirst("Error: ".count))
            let detail = lines[(index + 1)...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            return Diagnostic(severity: "error", summary: summary, detail: detail)
        }
        let detail = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return Diagnostic(severity: "error", summary: "Terraform exited with code \(exitCode)", detail: detail)
    }
}
