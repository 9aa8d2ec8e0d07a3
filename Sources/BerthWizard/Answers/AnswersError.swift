import Foundation

/// An answers file Berth cannot use, or a question it does not answer; exit status 2.
/// The description names the file, the line when there is one, the key, and what to do.
public struct AnswersError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String?
    public var problem: String
    public var fix: String

    public init(file: String, line: Int? = nil, key: String? = nil, problem: String, fix: String) {
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
        self.fix = fix
    }

    public var description: String {
        let place = line.map { "\(file) line \($0)" } ?? file
        let subject = key.map { "\(place), key \($0)" } ?? place
        return "\(subject): \(problem) \(fix)"
    }
}
