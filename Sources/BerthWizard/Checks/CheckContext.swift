import Foundation

/// What a check may use: the settings, the AWS account (or why it is out of
/// reach), the engine probe and the results of the checks it depends on.
public final class CheckContext: @unchecked Sendable {
    public let settings: CheckSettings
    public let account: AccountAccess
    /// Finds the Terraform engine; nil when the caller did not ask for the engine check.
    public let engineProbe: (@Sendable () throws -> EngineInfo)?
    /// The folder's variables and terraform.tfvars; nil when they could not be opened.
    public let files: BlueprintFiles?
    private let lock = NSLock()
    private var results: [String: CheckResult] = [:]

    public init(
        settings: CheckSettings,
        account: AccountAccess,
        engineProbe: (@Sendable () throws -> EngineInfo)? = nil,
        files: BlueprintFiles? = nil,
        earlier: [String: CheckResult] = [:]
    ) {
        self.settings = settings
        self.account = account
        self.engineProbe = engineProbe
        self.files = files
        self.results = earlier.filter { $0.value.status != .running && $0.value.status != .pending }
    }

    /// Returns the finished result of another check, or nil if it did not run.
    public func result(of id: String) -> CheckResult? {
        lock.lock()
        defer { lock.unlock() }
        return results[id]
    }

    func record(_ result: CheckResult, for id: String) {
        lock.lock()
        results[id] = result
        lock.unlock()
    }
}

/// The AWS account as the checks reach it.
public enum AccountAccess: @unchecked Sendable {
    case ready(AccountServices)
    /// Credentials or the region could not be resolved. The message gives the reason and the fix the next step.
    case unavailable(message: String, fix: String)

    public var services: AccountServices? {
        if case .ready(let services) = self { return services }
        return nil
    }
}

/// The Terraform engine found on this machine.
public struct EngineInfo: Equatable, Sendable {
    public var path: String
    public var name: String
    public var version: String

    public init(path: String, name: String, version: String) {
        self.path = path
        self.name = name
        self.version = version
    }
}
