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

    /// Throws when `file` contains no Terraform `-json` event, or only events from before a result
    /// (a version line, say, but no change summary and no error), so a viewer never calls such a
    /// file a successful run.
    public static func requireResult(in file: URL, chunkSize: Int = 1 << 20) throws {
        var terraformEvents = 0
        var hasResult = false
        try forEachEvent(in: file, chunkSize: chunkSize) { event in
            switch event {
            case .unknown:
                return
            case let .log(line) where line.source != .json:
                return
            case .changeSummary, .initOutput:
                hasResult = true
            case let .diagnostic(diagnostic) where diagnostic.severity == "error":
                hasResult = true
            default:
                break
            }
            terraformEvents += 1
        }

        let valid = "a valid file is a saved run such as .berth/runs/<time>-apply.jsonl, or the output of `terraform apply -json`"
        if terraformEvents == 0 {
            throw RunReplayError(message: "\(file.path) contains no Terraform -json events; \(valid)")
        }
        if !hasResult {
            throw RunReplayError(message: "\(file.path) contains \(terraformEvents) Terraform -json event(s) but no result (no change summary and no error), so the run was cut off before Terraform finished; \(valid)")
        }
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
