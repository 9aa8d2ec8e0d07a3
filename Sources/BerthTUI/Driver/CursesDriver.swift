import CNcurses
import Foundation
import Glibc

/// A terminal driven by ncursesw.
///
/// The terminal is put in raw mode, not cbreak: Ctrl-C then arrives as byte
/// 0x03 (`Key.controlC`) and no SIGINT reaches the process group, so a
/// Terraform child never gets a signal the wizard did not decide to send.
/// The wizard forwards exactly one interrupt on the first press and requests
/// confirmation before a hard stop. `kill -INT` from outside is still handled by `TerminalGuard`.
public final class CursesDriver: TerminalDriver, @unchecked Sendable {
    /// The reason curses could not start; the caller then uses the plain line renderer.
    public enum StartError: Error, CustomStringConvertible, Equatable {
        /// Standard input or output is not a terminal (a pipe, a file, CI).
        case notATerminal
        /// `TERM` is unset or `dumb`, so no full-screen drawing is possible.
        case unsupportedTerminal(String)
        /// No terminfo entry was found for `TERM` nor for the fallbacks.
        case noTerminfo(tried: [String])

        public var description: String {
            switch self {
            case .notATerminal:
                return "The full-screen wizard needs a terminal on standard input and output. Run it in a terminal, or use `berth --plain` or `berth check`."
            case .unsupportedTerminal(let term):
                return "TERM=\(term.isEmpty ? "(unset)" : term) cannot draw a full screen. Set TERM to your terminal's type (for example xterm-256color), or use `berth --plain`."
            case .noTerminfo(let tried):
                return "No terminfo entry found for \(tried.joined(separator: ", ")). Install ncurses-term, set TERM to a known type, or use `berth --plain`."
            }
        }
    }

    public private(set) var size: TerminalSize
    public let capabilities: TerminalCapabilities
    /// Messages for the person, printed by the caller after the screen closes (such as a TERM fallback).
    public private(set) var notes: [String] = []
    /// The terminal type in use, after any fallback.
    public let terminalName: String

    private let palette: Palette
    private var screen: OpaquePointer?
    private let inputDescriptor: Int32
    /// The terminal opened by path, closed on `stop()`; nil when standard input and output are used.
    private var terminalFile: UnsafeMutablePointer<FILE>?
    private let wakePipe: (read: Int32, write: Int32)
    private var colorPairs: [Palette.Color: Int16] = [:]
    private var stopped = false

    /// Starts curses on the process's terminal: standard input and output, or
    /// the device at `terminalPath` (`/dev/tty` when output goes to a pipe but
    /// the person asked for the full screen anyway).
    ///
    /// Order matters: the locale is set before ncurses reads it, the
    /// terminal state is saved before curses changes it, and `newterm` is
    /// used instead of `initscr`, which calls `exit()` on an unknown `TERM`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, terminalPath: String? = nil, escapeDelayMilliseconds: Int32 = 25) throws {
        var input: UnsafeMutablePointer<FILE> = stdin
        var output: UnsafeMutablePointer<FILE> = stdout
        if let terminalPath {
            guard let opened = fopen(terminalPath, "r+"), isatty(fileno(opened)) == 1 else {
                throw StartError.notATerminal
            }
            terminalFile = opened
            input = opened
            output = opened
        } else if isatty(0) != 1 || isatty(1) != 1 {
            throw StartError.notATerminal
        }
        inputDescriptor = fileno(input)

        let requested = environment["TERM"] ?? ""
        if requested.isEmpty || requested == "dumb" {
            throw StartError.unsupportedTerminal(requested)
        }

        // Only the character type matters to curses, so only LC_CTYPE is taken from the user:
        // numbers keep parsing and printing with a dot, and one category loads faster than all.
        _ = setlocale(LC_CTYPE, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        // The standard library's filter: Foundation's replacingOccurrences took about 0.1 ms on its first call (perf, release build).
        let unicode = String(codeset.uppercased().filter { $0 != "-" }) == "UTF8"

        TerminalGuard.shared.saveTerminalState(fileDescriptor: inputDescriptor, outputDescriptor: fileno(output))

        var chosen: OpaquePointer?
        var name = requested
        var tried: [String] = []
        for candidate in [requested, "xterm-256color", "xterm"] where !tried.contains(candidate) {
            tried.append(candidate)
            if let created = newterm(candidate, output, input) {
                chosen = created
                name = candidate
                break
            }
        }
        guard let chosen else {
            if let terminalFile {
                fclose(terminalFile)
            }
            throw StartError.noTerminfo(tried: tried)
        }
        if name != requested {
            notes.append("TERM=\(requested) has no terminfo entry on this machine, so Berth drew the screen as \(name). Install the entry (often in ncurses-term) for exact keys and colours.")
        }

        screen = chosen
        terminalName = name
        _ = set_term(chosen)

        raw()
        noecho()
        nonl()
        keypad(stdscr, true)
        _ = curs_set(0)
        _ = set_escdelay(escapeDelayMilliseconds)

        let colors = Palette.colorsAllowed(terminalHasColors: has_colors(), environment: environment)
        if colors {
            start_color()
            _ = use_default_colors()
        }
        capabilities = TerminalCapabilities(unicode: unicode, colors: colors)
        palette = Palette(colors: colors)
        size = TerminalSize(columns: Int(getmaxx(stdscr)), rows: Int(getmaxy(stdscr)))

        var fds: [Int32] = [0, 0]
        if pipe(&fds) == 0 {
            _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
            _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
            wakePipe = (fds[0], fds[1])
        } else {
            wakePipe = (-1, -1)
        }

        if colors {
            let pairs: [Palette.Color: Int16] = [.red: Int16(COLOR_RED), .green: Int16(COLOR_GREEN), .yellow: Int16(COLOR_YELLOW), .cyan: Int16(COLOR_CYAN)]
            var next: Int16 = 1
            for (color, foreground) in pairs.sorted(by: { $0.value < $1.value }) {
                _ = init_pair(next, foreground, -1)
                colorPairs[color] = next
                next += 1
            }
        }

        TerminalGuard.shared.cursesStarted()
    }

    deinit {
        stop()
    }

    /// Ends curses and gives the terminal back; safe to call twice.
    public func stop() {
        guard !stopped else { return }
        stopped = true

        _ = curs_set(1)
        endwin()
        if let screen {
            delscreen(screen)
        }
        screen = nil
        TerminalGuard.shared.cursesStopped()
        if wakePipe.read >= 0 {
            close(wakePipe.read)
            close(wakePipe.write)
        }
        if let terminalFile {
            fclose(terminalFile)
        }
        terminalFile = nil
    }

    public func put(row: Int, column: Int, text: String, style: TextStyleRole) {
        guard !stopped, row >= 0, row < size.rows, column >= 0, column < size.columns else { return }

        let attributes = palette.attributes(for: style)
        var bits = berth_attr_normal()
        if attributes.bold { bits |= berth_attr_bold() }
        if attributes.dim { bits |= berth_attr_dim() }
        if attributes.reverse { bits |= berth_attr_reverse() }
        if attributes.underline { bits |= berth_attr_underline() }
        let pair = attributes.color.flatMap { colorPairs[$0] } ?? 0
        _ = wattr_set(stdscr, bits, pair, nil)

        // Characters are cut here by width too, so a wide character never wraps onto the next row.
        var wide: [wchar_t] = []
        var used = 0
        for character in text {
            let width = DisplayWidth.of(character)
            if column + used + width > size.columns {
                break
            }
            for scalar in character.unicodeScalars {
                wide.append(wchar_t(bitPattern: scalar.value))
            }
            used += width
        }
        wide.append(0)
        _ = mvwaddwstr(stdscr, Int32(row), Int32(column), wide)
        _ = wattr_set(stdscr, berth_attr_normal(), 0, nil)
    }

    public func clear() {
        guard !stopped else { return }
        werase(stdscr)
    }

    public func refresh() {
        guard !stopped else { return }
        wrefresh(stdscr)
    }

    /// Forces a full repaint on the next refresh (Ctrl-L).
    public func repaintAll() {
        guard !stopped else { return }
        clearok(stdscr, true)
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard !stopped else { return .endOfInput }

        // Bytes already read by curses (the rest of an escape sequence) are not visible to poll().
        if let key = nextKey() {
            return key
        }

        var fds = [pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)]
        if wakePipe.read >= 0 {
            fds.append(pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0))
        }
        let ready = poll(&fds, nfds_t(fds.count), Int32(clamping: timeoutMilliseconds))

        if fds.count > 1 && fds[1].revents & Int16(POLLIN) != 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            while read(wakePipe.read, &buffer, buffer.count) > 0 {}
        }
        if ready < 0 && errno == EINTR {
            // SIGWINCH interrupts poll; curses then returns KEY_RESIZE.
            return nextKey()
        }
        if fds[0].revents & Int16(POLLHUP | POLLERR) != 0 && fds[0].revents & Int16(POLLIN) == 0 {
            return .endOfInput
        }
        if fds[0].revents & Int16(POLLIN) != 0 {
            return nextKey()
        }
        return nil
    }

    public func wake() {
        guard wakePipe.write >= 0 else { return }
        var byte: UInt8 = 1
        _ = write(wakePipe.write, &byte, 1)
    }

    public func suspend() {
        guard !stopped else { return }
        def_prog_mode()
        _ = curs_set(1)
        endwin()
    }

    public func resume() {
        guard !stopped else { return }
        reset_prog_mode()
        _ = curs_set(0)
        clearok(stdscr, true)
        wrefresh(stdscr)
    }

    private func nextKey() -> Key? {
        wtimeout(stdscr, 0)
        var character: wint_t = 0
        let result = wget_wch(stdscr, &character)

        if result == ERR {
            return nil
        }
        if result == berth_key_code_yes() {
            let code = Int32(character)
            if code == berth_key_resize() {
                size = TerminalSize(columns: Int(getmaxx(stdscr)), rows: Int(getmaxy(stdscr)))
                return .resize
            }
            return CursesKeyMap.key(forFunctionKey: code)
        }
        return CursesKeyMap.key(forCharacter: UInt32(character))
    }
}
