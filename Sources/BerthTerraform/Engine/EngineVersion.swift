/// A release number such as `1.15.5` or `1.9.0-beta1`; the suffix is kept but not compared.
public struct EngineVersion: Equatable, Comparable, Sendable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    public var suffix: String

    public init(major: Int, minor: Int, patch: Int, suffix: String = "") {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.suffix = suffix
    }

    /// Parses `1.2.3`, `v1.2.3` or `1.2.3-rc1`; nil for anything else.
    public init?(_ text: String) {
        var body = Substring(text.trimmingWhitespace())
        if body.first == "v" { body = body.dropFirst() }
        let dash = body.firstIndex(where: { $0 == "-" || $0 == "+" })
        let numbers = dash.map { body[..<$0] } ?? body
        let parts = numbers.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let major = parts[0], let minor = parts[1], let patch = parts[2] else { return nil }
        self.init(major: major, minor: minor, patch: patch, suffix: dash.map { String(body[$0...]) } ?? "")
    }

    public var description: String { "\(major).\(minor).\(patch)\(suffix)" }

    public static func < (lhs: EngineVersion, rhs: EngineVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
