import BerthTestSupport
import Foundation

/// The built `berth` with `--answers` on a copy of the sandbox, in its own session (no
/// controlling terminal, as in CI), with `stdin` piped in. While it runs, the argument vector
/// and environment of every process below it are read from /proc, so a test can check that
/// none carried the token.
final class AnswersRun {
    let root: TemporaryFolder
    let blueprint: URL
    let answersFile: URL
    let logFile: URL
    let environment: [String: String]

    /// `extraEnvironment` adds variables to berth's isolated environment, such as those the
    /// core-infra sandbox's apply needs.
    init(emulator: Emulator, answers: String, prefix: String = "answers", extraEnvironment: [String: String] = [:]) throws {
        try Rig.require()
        root = try TemporaryFolder(prefix: prefix)
        blueprint = try Sandbox.copy(to: root.file("backend-service"))
        answersFile = try root.write(answers, to: "answers.hcl")
        logFile = root.file("berth.log")
        let home = root.file("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var variables = try emulator.isolatedEnvironment(home: home)
        variables["LANG"] = "C.UTF-8"
        variables.merge(extraEnvironment) { _, extra in extra }
        environment = variables
    }

    /// What one run printed and left behind.
    struct Result {
        var status: Int32
        var output: String
        var errors: String
        /// Argument vectors and environments of berth and every process below it, NUL-separated.
        var processTexts: [String]
        var timedOut: Bool
    }

    /// Runs `berth [arguments] --answers FILE --folder … --engine … --log …` with `stdin`.
    func run(_ arguments: [String] = [], stdin: String = "", timeout: TimeInterval = 300) throws -> Result {
        let berth = try BerthBinary.require()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = ["--wait", berth.path] + arguments + [
            "--answers", answersFile.path, "--folder", blueprint.path, "--engine", Rig.terraform.path, "--log", logFile.path,
        ]
        process.environment = environment
        process.currentDirectoryURL = root.url
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input

        try process.run()
        let outputData = Drain(output.fileHandleForReading)
        let errorData = Drain(errors.fileHandleForReading)
        try input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8))
        try input.fileHandleForWriting.close()

        var texts: [String] = []
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            texts += Self.processTexts(below: process.processIdentifier)
            if Date() > deadline {
                timedOut = true
                process.terminate()
                break
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: outputData.text(),
            errors: errorData.text(),
            processTexts: texts,
            timedOut: timedOut
        )
    }

    /// Returns the paths of the files under the test's folder whose bytes contain `text`.
    func filesContaining(_ text: String) -> [String] {
        let needle = Data(text.utf8)
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(at: root.url, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            if let data = FileManager.default.contents(atPath: url.path), data.range(of: needle) != nil {
                found.append(url.path)
            }
        }
        return found
    }

    /// Returns whether the folder has a file or folder at `path`.
    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: blueprint.appendingPathComponent(path).path)
    }

    private static func processTexts(below pid: Int32) -> [String] {
        var pending = [pid]
        var texts: [String] = []
        while let next = pending.popLast() {
            let cmdline = FileManager.default.contents(atPath: "/proc/\(next)/cmdline") ?? Data()
            let environ = FileManager.default.contents(atPath: "/proc/\(next)/environ") ?? Data()
            if !cmdline.isEmpty || !environ.isEmpty {
                texts.append(String(decoding: cmdline + environ, as: UTF8.self))
            }
            pending += TerminalWizard.children(of: String(next))
        }
        return texts
    }

    /// Returns `ghp_` and 36 random letters and digits, the shape of a classic GitHub token.
    static func canaryToken() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return "ghp_" + String((0..<36).map { _ in alphabet.randomElement()! })
    }
}

/// Reads a pipe to its end on a background thread.
private final class Drain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    /// Waits for the end of the pipe and returns what was read, as UTF-8.
    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
