import Foundation

/// Reads and writes `terraform.tfvars` on disk.
public enum TfvarsFile {
    /// The suffix of the copy of the previous file that `write` leaves beside it.
    public static let backupSuffix = ".berth-backup"

    /// Reads the file, or returns an empty document when it does not exist.
    public static func read(_ url: URL) throws -> TfvarsDocument {
        guard FileManager.default.fileExists(atPath: url.path) else {
            return try TfvarsDocument(text: "", fileName: url.lastPathComponent)
        }
        return try TfvarsDocument(data: Data(contentsOf: url), fileName: url.lastPathComponent)
    }

    /// Decodes UTF-16 file bytes (with a byte-order mark, or little-endian without one) for a
    /// caller that converts the file after the user agrees. Returns nil when the bytes are not
    /// UTF-16 or do not decode.
    public static func textFromUTF16(_ data: Data) -> String? {
        let bytes = [UInt8](data)
        let encoding: String.Encoding
        var body = bytes
        if bytes.starts(with: [0xFF, 0xFE]) {
            encoding = .utf16LittleEndian
            body.removeFirst(2)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            encoding = .utf16BigEndian
            body.removeFirst(2)
        } else if bytes.count >= 2, bytes.count % 2 == 0, bytes[1] == 0, bytes[0] != 0 {
            encoding = .utf16LittleEndian
        } else {
            return nil
        }
        return String(data: Data(body), encoding: encoding)
    }

    /// Writes the document atomically: the old file is copied to `<name>.berth-backup`, the new
    /// text goes to a temporary file in the same folder with the old file's permissions, and a
    /// rename replaces the old file. Nothing is written when the text is unchanged.
    public static func write(_ document: TfvarsDocument, to url: URL) throws {
        try write(text: document.render(), to: url)
    }

    /// Writes text with the same steps as `write(_:to:)`.
    public static func write(text: String, to url: URL) throws {
        let manager = FileManager.default
        let newData = Data(text.utf8)
        var permissions: NSNumber = 0o644

        if manager.fileExists(atPath: url.path) {
            let oldData = try Data(contentsOf: url)
            if oldData == newData { return }
            if let mode = try manager.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber { permissions = mode }
            let backup = url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + backupSuffix)
            try replace(backup, with: oldData, permissions: permissions)
        }
        try replace(url, with: newData, permissions: permissions)
    }

    private static func replace(_ url: URL, with data: Data, permissions: NSNumber) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: permissions]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path,
                NSLocalizedDescriptionKey: "Could not create \(temporary.path); check that the folder \(folder.path) is writable"])
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
            // createFile applies the umask, so set the mode again.
            try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path,
                    NSLocalizedDescriptionKey: "Could not replace \(url.path): \(String(cString: strerror(errno)))"])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
