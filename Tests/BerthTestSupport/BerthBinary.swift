import Foundation

/// The `berth` executable that `swift build` produced for this package.
public enum BerthBinary {
    /// `.build/debug/berth` in the package root.
    public static var url: URL {
        Rig.packageRoot.appendingPathComponent(".build/debug/berth")
    }

    /// Returns the executable's URL, or throws with the build command when it is missing.
    public static func require() throws -> URL {
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw RigError("berth is not built at \(url.path); run `swift build --build-tests` (or scripts/test) first")
        }
        return url
    }
}
