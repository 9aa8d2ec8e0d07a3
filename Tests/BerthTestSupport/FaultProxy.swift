import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP server that responds to each request with the next scripted fault, and forwards
/// to an upstream server (the emulator) for `.forward` or when the script has run out.
/// Each connection carries one request, and every response closes the connection.
public final class FaultProxy: @unchecked Sendable {
    /// What to do with one request.
    public enum Fault: Sendable {
        /// Pass the request to the upstream server and its response back.
        case forward
        /// Respond with this status, headers and body.
        case respond(status: Int, headers: [(String, String)], body: String)
        /// Close the connection after reading the request, without any response.
        case dropConnection
        /// Wait this many seconds, then forward.
        case stall(TimeInterval)
        /// Send headers announcing a longer body than is sent, then close.
        case truncatedBody
    }

    public let port: UInt16
    private let upstream: (host: String, port: UInt16)?
    private let lock = NSLock()
    private var script: [Fault]
    private let fallback: Fault
    private var handled = 0
    private let listener: Int32
    private var isStopped = false

    /// Starts listening on 127.0.0.1 and a free port.
    public init(upstream: URL?, faults: [Fault], then fallback: Fault = .forward) throws {
        self.upstream = upstream.flatMap { url in url.host.map { ($0, UInt16(url.port ?? 80)) } }
        self.script = faults
        self.fallback = fallback

        let (descriptor, port) = try LoopbackListener.open(server: "FaultProxy")
        self.port = port
        listener = descriptor

        // The loop holds the proxy only between connections, so releasing it stops the server.
        let thread = Thread { [weak self] in
            while true {
                let connection = accept(descriptor, nil, nil)
                guard let proxy = self else {
                    if connection >= 0 { close(connection) }
                    close(descriptor)
                    return
                }
                if connection < 0 {
                    if proxy.stopped {
                        close(descriptor)
                        return
                    }
                    continue
                }
                Thread { proxy.handle(connection) }.start()
            }
        }
        thread.start()
    }

    deinit {
        stop()
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    public var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// How many requests have been read so far.
    public var requestCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return handled
    }

    /// Stops accepting connections.
    public func stop() {
        lock.lock()
        let wasStopped = isStopped
        isStopped = true
        lock.unlock()
        guard !wasStopped else { return }
        // Only wakes the accept loop, which closes the descriptor itself: closing it here
        // would let another server reuse the number while the loop still accepts on it.
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private var stopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return isStopped
    }

    private func nextFault() -> Fault {
        lock.lock()
        defer { lock.unlock() }
        handled += 1
        return script.isEmpty ? fallback : script.removeFirst()
    }

    private func handle(_ connection: Int32) {
        defer { close(connection) }
        guard let request = Self.readMessage(connection) else { return }
        switch nextFault() {
        case .forward:
            forward(request, to: connection)
        case .respond(let status, let headers, let body):
            var head = "HTTP/1.1 \(status) Scripted\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            Self.write(connection, Data((head + "\r\n" + body).utf8))
        case .dropConnection:
            shutdown(connection, Int32(SHUT_RDWR))
        case .stall(let seconds):
            Thread.sleep(forTimeInterval: seconds)
            forward(request, to: connection)
        case .truncatedBody:
            Self.write(connection, Data("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n<partial".utf8))
        }
    }

    private func forward(_ request: Data, to connection: Int32) {
        guard let upstream else {
            Self.write(connection, Data("HTTP/1.1 502 No Upstream\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
            return
        }
        let outbound = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(outbound) }
        var address = Self.loopback(port: upstream.port)
        inet_pton(AF_INET, upstream.host, &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(outbound, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return }
        Self.write(outbound, request)
        if let response = Self.readMessage(outbound) {
            Self.write(connection, response)
        }
    }

    /// Reads one HTTP message: the head up to the blank line, then `Content-Length` bytes.
    static func readMessage(_ socket: Int32) -> Data? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let separator = Data("\r\n\r\n".utf8)
        var bodyStart: Int?
        var expected = 0
        while true {
            if let start = bodyStart, data.count - start >= expected {
                return data
            }
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { return bodyStart == nil ? nil : data }
            data.append(contentsOf: buffer[0..<count])
            if bodyStart == nil, let range = data.range(of: separator) {
                bodyStart = range.upperBound
                let head = String(decoding: data[..<range.lowerBound], as: UTF8.self).lowercased()
                for line in head.components(separatedBy: "\r\n") where line.hasPrefix("content-length:") {
                    expected = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
        }
    }

    static func write(_ socket: Int32, _ data: Data) {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(socket, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 { return }
                offset += sent
            }
        }
    }

    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
