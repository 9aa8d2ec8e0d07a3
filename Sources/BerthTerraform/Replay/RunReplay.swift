import Foundation

/// Reads a saved `-json` stream, such as `.berth/runs/<time>-<phase>.jsonl`, in chunks, so
/// memory stays bounded however long the file is.
public enum RunReplay {
    /// Folds every event of `file` into a model and sets its result as a replay does.
    /// Times in the model are those of the replay, measured by `clock`.
    public static func model(of file: URL, chunkSize: Int = 1 << 20, clock: @escaping () -> Date = Date.init) throws -> RunModel {
        let model = RunModel(clock: clock)
        try forEachEvent(in: file, chunkSize: chunkSize) { model.apply($0) }
        model.finishReplay()
        return model
    }

    /// Hands each event of `file` to `body`, in order.
    public static func forEachEvent(in file: URL, chunkSize: Int = 1 << 20, decoder: RunEventDecoder = RunEventDecoder(), _ body: (RunEvent) -> Void) throws {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: file)
        } catch {
            throw RunReplayError(message: "cannot open the run record \(file.path): \(error.localizedDescription); check the path")
        }
        defer { try? handle.close() }

        var splitter = LineSplitter()
        func deliver(_ piece: LineSplitter.Piece) {
            switch piece {
            case let .line(bytes):
                if let event = decoder.decode(bytes) { body(event) }
            case let .overlong(count):
                body(decoder.overlongLine(byteCount: count))
            }
        }

        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: chunkSize) ?? Data()
            } catch {
                throw RunReplayError(message: "cannot read the run record \(file.path): \(error.localizedDescription)")
            }
            if chunk.isEmpty { break }
            splitter.append(chunk, emit: deliver)
        }
        splitter.finish(emit: deliver)
    }
}

/// A run record could not be read.
public struct RunReplayError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
