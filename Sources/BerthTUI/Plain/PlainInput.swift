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
    /// Reads the next line, or returns `.interrupted` when Ctrl-C comes while waiting for it.
    func readAnswer() -> PlainAnswer
    /// Reads a yes or no typed on a terminal; returns nil when there is no terminal.
    func confirm(_ question: String) -> Bool?
    /// Reads a line typed on a terminal with echo off; returns nil when there is no terminal.
    func readSecret(_ prompt: String) -> String?
}

/// The result of reading at a prompt: a line, the end of input, or Ctrl-C while waiting.
public enum PlainAnswer: Equatable {
    case line(String)
    case ended
    case interrupted
}

extension PlainInput {
    /// Reads a plain line, for an input that Ctrl-C cannot interrupt.
    public func readAnswer() -> PlainAnswer {
        readLine().map { .line($0) } ?? .ended
    }
}

/// `PlainInput` for a real process: lines from stdin, confirmations and secrets from `/dev/tty`.
///
/// Lines are read from descriptor 0 with `poll`, together with a wake-up pipe, so `wake()`
/// (called on Ctrl-C) ends a wait for a line at once. A prompt therefore never waits for Enter
/// and then takes the empty line as the default choice.
public final class ProcessPlainInput: PlainInput {
    private let write: (String) -> Void
    private let lock = NSLock()
    private var waiting = false
    private var buffer: [UInt8] = []
    private var ended = false
    private let wakeRead: Int32
    private let wakeWrite: Int32

    public init(write: @escaping (String) -> Void) {
        self.write = write
        var descriptors: [Int32] = [-1, -1]
        // Close-on-exec, so Terraform does not inherit the pipe.
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            }
        } else {
            descriptors = [-1, -1]
        }
        wakeRead = descriptors[0]
        wakeWrite = descriptors[1]
    }

    deinit {
        if wakeRead >= 0 { Glibc.close(wakeRead) }
        if wakeWrite >= 0 { Glibc.close(wakeWrite) }
    }

    /// Ends the current wait for a line with `.interrupted`; does nothing when no prompt waits.
    public func wake() {
        lock.lock()
        defer { lock.unlock() }
        guard waiting, wakeWrite >= 0 else { return }
        var byte: UInt8 = 1
        _ = Glibc.write(wakeWrite, &byte, 1)
    }

    public func readLine() -> String? {
        while true {
            switch readAnswer() {
            case .line(let line): return line
            case .ended: return nil
            case .interrupted: continue
            }
        }
    }

    public func readAnswer() -> PlainAnswer {
        lock.lock()
        waiting = true
        drainWakePipe()
        lock.unlock()
        defer {
            lock.lock()
            waiting = false
            lock.unlock()
        }

        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[..<newline]
                buffer.removeFirst(newline + 1)
                return .line(Self.text(line))
            }
            if ended {
                guard !buffer.isEmpty else { return .ended }
                defer { buffer.removeAll() }
                return .line(Self.text(buffer[...]))
            }

            var descriptors = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, nfds_t(wakeRead >= 0 ? 2 : 1), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                ended = true
                continue
            }
            if wakeRead >= 0 && descriptors[1].revents != 0 {
                lock.lock()
                drainWakePipe()
                lock.unlock()
                return .interrupted
            }
            if descriptors[0].revents != 0 {
                readAvailable()
            }
        }
    }

    /// Reads what descriptor 0 has; end of input, or an error such as EIO from a closed terminal, ends it.
    private func readAvailable() {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
        if count > 0 {
            buffer += chunk[..<count]
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
            ended = true
        }
    }

    private func drainWakePipe() {
        guard wakeRead >= 0 else { return }
        var byte: UInt8 = 0
        while Glibc.read(wakeRead, &byte, 1) > 0 {}
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        var line = String(decoding: bytes, as: UTF8.self)
        if line.hasSuffix("\r") {
            line.removeLast()
        }
        return line
    }

    public func confirm(_ question: String) -> Bool? {
        // NOTE: /dev/tty is read without the wake-up pipe, so Ctrl-C at a y/N question or the
        // hidden token prompt shows the quit question only after Enter (the answer is then no).
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
