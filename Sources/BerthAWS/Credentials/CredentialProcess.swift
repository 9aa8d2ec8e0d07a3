import Foundation

/// Runs a profile's `credential_process` command (split into arguments, no shell) and reads its
/// JSON output: `Version` 1, `AccessKeyId`, `SecretAccessKey`, optional `SessionToken` and `Expiration`.
struct CredentialProcess {
    var command: String
    var profile: String
    var environment: AWSEnvironment
    var runner: any ProcessRunner
    var timeout: TimeInterval

    func run() throws -> AWSCredentials {
        guard var arguments = CommandLineSplitter.split(command), !arguments.isEmpty else {
            throw failure("its command has an unclosed quote or is empty", fix: "Correct credential_process in the profile.")
        }
        arguments[0] = environment.expand(arguments[0])

        // The child gets the environment without secret variables.
        var childEnvironment = environment.variables
        for name in ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"] {
            childEnvironment[name] = nil
        }

        let result: ProcessResult
        do {
            result = try runner.run(arguments, environment: childEnvironment, timeout: timeout)
        } catch {
            throw failure("\(arguments[0]) could not be run: \(error)", fix: "Check the command in credential_process.")
        }
        guard result.status == 0 else {
            let detail = String(decoding: result.standardError, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
                .split(separator: "\n").first.map { String($0.prefix(300)) } ?? ""
            throw failure("\(arguments[0]) exited with status \(result.status)\(detail.isEmpty ? "" : ": \(detail)")",
                          fix: "Run the command yourself to see why it fails.")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: result.standardOutput)) as? [String: Any] else {
            throw failure("its output is not a JSON object", fix: "The command must print {\"Version\": 1, \"AccessKeyId\": …, \"SecretAccessKey\": …}.")
        }
        guard (object["Version"] as? Int) == 1 else {
            throw failure("its output has Version \(object["Version"].map { "\($0)" } ?? "missing"), not 1",
                          fix: "The command must print \"Version\": 1.")
        }
        guard let keyID = object["AccessKeyId"] as? String, !keyID.isEmpty,
              let secret = object["SecretAccessKey"] as? String, !secret.isEmpty else {
            throw failure("its output lacks AccessKeyId or SecretAccessKey", fix: "The command must print both keys.")
        }
        var expiration: Date?
        if let text = object["Expiration"] as? String {
            guard let date = ISO8601.parse(text) else {
                throw failure("its Expiration \"\(text)\" is not an ISO 8601 time", fix: "Print Expiration like 2030-01-01T00:00:00Z.")
            }
            expiration = date
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: object["SessionToken"] as? String,
                              expiration: expiration, source: "profile \(profile) (credential_process)")
    }

    private func failure(_ reason: String, fix: String) -> AWSSetupError {
        AWSSetupError(.credentialSourceFailed, "credential_process of profile \"\(profile)\" failed: \(reason).", fix: fix)
    }
}

/// ISO 8601 times as AWS and the CLI's caches write them, with or without fractional seconds,
/// and the CLI v1 SSO cache's `UTC` suffix.
enum ISO8601 {
    static func parse(_ text: String) -> Date? {
        var value = text.trimmingCharacters(in: .whitespaces)
        if value.hasSuffix("UTC") {
            value = String(value.dropLast(3)) + "Z"
        }
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: value) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: value)
    }
}
