#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The source of the plain renderer's input. Field values and menu choices come
/// from `readLine`; confirmations and secrets only from a terminal, so piped
/// input can never approve a change or carry a token.
public protocol PlainInput: AnyObject {
    /// Reads the next line; returns nil at end of input.
    func readLine() -> String?
    /// Reads a yes or no typed on a terminal; returns nil when there is no terminal.
    func confirm(_ question: String) -> Bool?
    /// Reads a line typed on a terminal with echo off; returns nil when there is no terminal.
    func readSecret(_ prompt: String) -> String?
}

/// `PlainInput` for a real process: lines from stdin, confirmations and secrets from `/dev/tty`.
public final class ProcessPlainInput: PlainInput {
    private let write: (String) -> Void

    public init(write: @escaping (String) -> Void) {
        self.write = write
    }

    public func readLine() -> String? {
        Swift.readLine(strippingNewline: true)
    }

    public func confirm(_ question: String) -> Bool? {
        guard let terminal = TerminalLine.open() else { return nil }
        defer { terminal.close() }
        terminal.write("\(question) [y/N] ")
        guard let answer = terminal.readLine(echo: true) else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    public func readSecret(_ prompt: String) -> String? {
        guard let terminal = TerminalLine.open() else { return nil }
        defer { terminal.close() }
        terminal.write(prompt)
        let value = terminal.readLine(echo: false)
        terminal.write("\n")
        return value
    }
}

/// The controlling terminal, opened for one question.
final class TerminalLine {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    static func open() -> TerminalLine? {
        let descriptor = Glibc.open("/dev/tty", O_RDWR | O_NOCTTY)
        guard descriptor >= 0 else { return nil }
        guard isatty(descriptor) == 1 else {
            Glibc.close(descriptor)
            return nil
        }
        return TerminalLine(descriptor: descriptor)
    }

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Reads up to a newline; with `echo` false, terminal echo is off while reading and restored after.
    func readLine(echo: Bool) -> String? {
        var saved = termios()
        let haveSettings = tcgetattr(descriptor, &saved) == 0
        if !echo && haveSettings {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(descriptor, TCSAFLUSH, &quiet)
        }
        defer {
            if !echo && haveSettings { tcsetattr(descriptor, TCSAFLUSH, &saved) }
        }

        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = Glibc.read(descriptor, &byte, 1)
            if count <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == 0x0A || byte == 0x0D { break }
            bytes.append(byte)
        }
        let line = String(decoding: bytes, as: UTF8.self)
        bytes.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] = 0 }
        }
        return line
    }

    func close() {
        Glibc.close(descriptor)
    }
}
