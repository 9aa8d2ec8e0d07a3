import BerthTerraform
import Foundation

/// Files under `Fixtures/`: saved `-json` streams from the handed cases and a fake engine.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL {
        folder.appendingPathComponent(name)
    }

    /// A script that replays `FAKE_STDOUT` and `FAKE_STDERR` and exits with `FAKE_EXIT`.
    static var fakeTerraform: String { url("fake-terraform").path }

    /// Decodes the events of a saved stream the way a run does.
    static func events(_ name: String) throws -> [RunEvent] {
        let data = try Data(contentsOf: url(name))
        return decode(data)
    }

    static func decode(_ data: Data, chunkSize: Int = 4096) -> [RunEvent] {
        let decoder = RunEventDecoder()
        var splitter = LineSplitter()
        var events: [RunEvent] = []
        let emit: (LineSplitter.Piece) -> Void = { piece in
            switch piece {
            case let .line(bytes):
                if let event = decoder.decode(bytes) { events.append(event) }
            case let .overlong(count):
                events.append(decoder.overlongLine(byteCount: count))
            }
        }
        var start = data.startIndex
        while start < data.endIndex {
            let end = min(start + chunkSize, data.endIndex)
            splitter.append(data[start..<end], emit: emit)
            start = end
        }
        splitter.finish(emit: emit)
        return events
    }

    /// Returns a model fed with the events of `name`, on a fixed clock.
    static func model(_ name: String, clock: @escaping () -> Date = { Date(timeIntervalSince1970: 0) }) throws -> RunModel {
        let model = RunModel(clock: clock)
        for event in try events(name) {
            model.apply(event)
        }
        return model
    }
}

/// A clock that tests move by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now = Date(timeIntervalSince1970: 1_700_000_000)

    func advance(_ seconds: TimeInterval) {
        lock.lock()
        now += seconds
        lock.unlock()
    }

    func read() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return now
    }
}
