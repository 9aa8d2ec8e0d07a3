#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BerthTUI
import BerthTerraform
import BerthWizard
import Foundation

/// The full-screen app draws a saved run through the same protocol as the wizard.
extension ReplayScreenSource: ScreenSource {}

/// `berth view FILE`: a saved `terraform -json` stream, in the run panes on a
/// terminal, or summarised as text with `--plain` or without one.
enum ViewCommand {
    /// Shows `path` and returns the exit status: 0 when the run had no error diagnostic, else 1.
    /// Throws a `UsageError` (status 2) for a folder, or a file with no Terraform result.
    static func run(path: String, plain: Bool, environment: [String: String], write: (String) -> Void) throws -> Int32 {
        let url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw UsageError(description: "\(path) is a folder, not a file; give the path of a saved stream such as .berth/runs/<time>-apply.jsonl.")
        }
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw UsageError(description: "Cannot read \(path); give the path of a saved stream such as .berth/runs/<time>-apply.jsonl.")
        }

        let snapshot: RunSnapshot
        do {
            try RunReplay.requireResult(in: url)
            snapshot = try RunReplay.model(of: url).snapshot()
        } catch {
            throw UsageError(description: "\(error)")
        }
        let status: Int32 = snapshot.diagnostics.contains { $0.severity == "error" } ? 1 : 0

        let term = environment["TERM"] ?? ""
        if !plain && isatty(0) == 1 && isatty(1) == 1 && !term.isEmpty && term != "dumb" {
            let source = ReplayScreenSource(fileName: url.lastPathComponent, snapshot: snapshot)
            do {
                let notes = try TUIApp.runInTerminal(source: source, environment: environment)
                notes.forEach(complain)
                return status
            } catch {
                complain("berth: the full-screen interface could not start (\(error)); printing the summary.")
            }
        }

        write(url.lastPathComponent)
        for line in PlainSummary.lines(for: snapshot) {
            write(TokenPattern.mask(line))
        }
        return status
    }
}
