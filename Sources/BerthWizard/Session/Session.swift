import Foundation

/// The contents of `.berth/session.json`: the entered values (never a secret), the
/// check outcomes, the engine and the step reached, so a later run can resume.
public struct Session: Codable, Equatable, Sendable {
    public struct StoredCheck: Codable, Equatable, Sendable {
        public var status: CheckStatus
        public var evidence: String
        public var fix: String?
        public var checkedAt: Date
    }

    public var formatVersion: Int
    public var step: String
    /// Entered tfvars values by variable name.
    public var answers: [String: String]
    public var checks: [String: StoredCheck]
    public var engine: String?
    public var engineVersion: String?
    public var profile: String?
    public var region: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// Saved run streams, relative to the folder.
    public var runs: [String]

    public init(step: String, now: Date) {
        self.formatVersion = 1
        self.step = step
        self.answers = [:]
        self.checks = [:]
        self.createdAt = now
        self.updatedAt = now
        self.runs = []
    }
}

/// Reads and writes `.berth/session.json` in a blueprint folder.
public struct SessionStore: Sendable {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    public var berthFolder: URL { folder.appendingPathComponent(".berth", isDirectory: true) }
    public var file: URL { berthFolder.appendingPathComponent("session.json") }

    public func load() -> Session? {
        guard let data = try? Data(contentsOf: file) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(Session.self, from: data)
    }

    /// Writes the session atomically. Values that look like tokens are dropped, so a
    /// token typed into the wrong field never reaches the disk.
    public func save(_ session: Session) throws {
        var clean = session
        clean.answers = session.answers.filter { !TokenPattern.looksLikeToken($0.value) }
        try FileManager.default.createDirectory(at: berthFolder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(clean).write(to: file, options: .atomic)
    }
}
