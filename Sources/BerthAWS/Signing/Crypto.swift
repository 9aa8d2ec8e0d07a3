import COpenSSL
import Foundation

/// SHA-256 and HMAC-SHA-256 from the system's libcrypto, loaded on the first call.
public enum Crypto {
    /// The reason libcrypto could not be loaded, or nil when it is loaded; computed once, on first use.
    private static let loadFailure: String? = berth_crypto_load().map { String(cString: $0) }

    /// Loads libcrypto if needed. Without it no request can be signed, so Berth stops with the package to install.
    private static func requireLibrary() {
        if let loadFailure {
            fatalError("berth: libcrypto could not be loaded (\(loadFailure)); install the libssl3 package (OpenSSL 3).")
        }
    }

    /// The SHA-256 digest of `data`.
    public static func sha256(_ data: Data) -> [UInt8] {
        requireLibrary()
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        data.withUnsafeBytes { buffer in
            berth_sha256(buffer.bindMemory(to: UInt8.self).baseAddress, buffer.count, &digest)
        }
        return digest
    }

    /// The HMAC-SHA-256 of `message` under `key`.
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        requireLibrary()
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        key.withUnsafeBufferPointer { keyBuffer in
            message.withUnsafeBufferPointer { messageBuffer in
                length = berth_hmac_sha256(keyBuffer.baseAddress, Int32(keyBuffer.count),
                                           messageBuffer.baseAddress, messageBuffer.count, &digest)
            }
        }
        return Array(digest.prefix(Int(length)))
    }

    /// Lower-case hexadecimal text of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var output = ""
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return output
    }

    /// The SHA-1 digest of `data`, as hexadecimal text (the SSO token cache names its files with it).
    public static func sha1Hex(_ data: Data) -> String {
        requireLibrary()
        var digest = [UInt8](repeating: 0, count: Int(SHA_DIGEST_LENGTH))
        data.withUnsafeBytes { buffer in
            berth_sha1(buffer.bindMemory(to: UInt8.self).baseAddress, buffer.count, &digest)
        }
        return hex(digest)
    }
}
