import Foundation

/// Verifies the Secrets Manager secret with the GitHub token: it exists in the
/// deploy region and contains the token as plain text, because the blueprint
/// passes the whole secret string to CodePipeline as the OAuth token.
/// The value is read to classify it and is never shown or kept.
public struct GitHubTokenSecretCheck: Check {
    public let id = "secret.github-token"
    public let title = "GitHub token secret"
    public let dependsOn = ["identity", "region"]

    public init() {}

    public func run(_ context: CheckContext) -> CheckResult {
        guard let services = context.account.services else { return CoreInfraFix.noAccount }
        let settings = context.settings
        let region = settings.region ?? "the deploy region"

        let secretName: SecretName
        do {
            secretName = try SecretName(parsing: settings.secretName)
        } catch {
            return .fail("\(error)", fix: "Set github_token_secret_name to the secret's name, such as ecs-github-token.")
        }
        if let arnRegion = secretName.arnRegion, arnRegion != settings.region {
            return .fail(
                "The ARN names a secret in \(arnRegion), but the deploy region is \(region); the blueprint reads the secret in its own region.",
                fix: "Create the secret in \(region), or deploy in \(arnRegion). Enter the secret's name, not its ARN."
            )
        }

        var found: SecretInfo?
        for candidate in secretName.candidates {
            do {
                found = try services.describeSecret(id: candidate)
                break
            } catch let failure as ServiceFailure where failure.kind == .notFound {
                continue
            } catch {
                return .from(error, doing: "DescribeSecret \(candidate)", permission: "secretsmanager:DescribeSecret")
            }
        }
        guard let secret = found else {
            return missing(secretName.name, region: region, services: services, settings: settings)
        }

        let facts = ["secret_name": secret.name, "secret_arn": secret.arn]
        if let deleted = SecretPreflight.deletionProblem(name: secret.name, services: services, facts: facts) {
            return deleted
        }
        let payload: SecretPayload
        do {
            payload = try services.secretPayload(id: secret.name)
        } catch let failure as ServiceFailure where failure.kind == .accessDenied && (failure.message.localizedCaseInsensitiveContains("kms") || failure.code.hasPrefix("KMS")) {
            let key = secret.kmsKeyID.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? "the secret's KMS key"
            return .fail(
                "The secret \(secret.name) exists, but reading it was denied by KMS (\(failure.message)).",
                fix: "The caller needs kms:Decrypt on key \(key) (in the key policy or an IAM policy). Do not re-create the secret.",
                facts: facts
            )
        } catch let failure as ServiceFailure where failure.kind == .notFound {
            return .fail(
                "The secret \(secret.name) exists but has no value (no AWSCURRENT version).",
                fix: "Store the token: `aws secretsmanager put-secret-value --secret-id \(secret.name) --secret-string <token>`.",
                facts: facts.merging([Self.valueProblemFact: "no version"]) { _, new in new }
            )
        } catch let failure as ServiceFailure where failure.kind == .accessDenied {
            return .unknown(
                "The secret \(secret.name) exists, but GetSecretValue was denied (\(failure.code)).",
                fix: "Grant secretsmanager:GetSecretValue on \(secret.arn) to the caller; Terraform needs it too."
            )
        } catch {
            return .from(error, doing: "GetSecretValue \(secret.name)", permission: "secretsmanager:GetSecretValue")
        }
        var result = classify(payload, secret: secret, facts: facts)
        if result.status != .pass {
            // The secret exists but its value is wrong: the wizard offers to replace the value.
            result.facts[Self.valueProblemFact] = "\(payload.kindName)"
        }
        return result
    }

    /// The fact set when the secret exists but its value is not a plain-text token. Its value names the kind found.
    public static let valueProblemFact = "secret_value_problem"

    private func missing(_ name: String, region: String, services: AccountServices, settings: CheckSettings) -> CheckResult {
        var evidence = "No secret named \(name) in \(region)."
        if let similar = try? services.secretNames(nameFilter: String(name.prefix(3))), !similar.isEmpty {
            let close = SimilarNames.matching(name, in: similar)
            if !close.isEmpty {
                evidence += " Similar names here: \(close.joined(separator: ", "))."
            }
        }
        let create = "Let Berth create it (Create secret), or run `aws secretsmanager create-secret --name \(name) --secret-string <token> --region \(region)`."
        let elsewhere = services.regionsHoldingSecret(named: name, among: settings.secretSearchRegions.filter { $0 != region })
        if !elsewhere.isEmpty {
            evidence = "The secret \(name) is in \(elsewhere.joined(separator: ", ")), not in \(region); the blueprint reads it in the deploy region."
            return .fail(
                evidence,
                fix: "Create the secret in \(region) as well: \(create.prefix(1).lowercased())\(create.dropFirst()) Or deploy in \(elsewhere[0]).",
                facts: ["secret_missing": name, "secret_regions": elsewhere.joined(separator: ",")]
            )
        }
        return .fail(evidence, fix: create, facts: ["secret_missing": name])
    }

    private func classify(_ payload: SecretPayload, secret: SecretInfo, facts: [String: String]) -> CheckResult {
        let putCommand = "aws secretsmanager put-secret-value --secret-id \(secret.name) --secret-string <token>"
        switch payload {
        case .binary(let count):
            return .fail(
                "The secret \(secret.name) is binary (\(count) bytes); CodePipeline needs a string secret.",
                fix: "Store the token as a plain-text string: `\(putCommand)`.",
                facts: facts
            )
        case .empty:
            return .fail("The secret \(secret.name) has no value.", fix: "Store the token: `\(putCommand)`.", facts: facts)
        case .string(let value):
            return classify(text: value, secret: secret, putCommand: putCommand, facts: facts)
        }
    }

    private func classify(text: String, secret: SecretInfo, putCommand: String, facts: [String: String]) -> CheckResult {
        let length = text.count
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return .fail("The secret \(secret.name) is an empty string.", fix: "Store the token: `\(putCommand)`.", facts: facts)
        }
        let parsed = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
        if parsed is [String: Any] || parsed is [Any] {
            return .fail(
                "The secret \(secret.name) is a JSON key/value object (\(length) characters); the blueprint passes the whole string to GitHub as the token.",
                fix: "Store the token alone, as plain text: `\(putCommand)`.",
                facts: facts
            )
        }
        if parsed is String {
            return .warn(
                "The secret \(secret.name) is a quoted JSON string (\(length) characters); the quotes become part of the token.",
                fix: "Store the token without quotes: `\(putCommand)`.",
                facts: facts
            )
        }
        if text != text.trimmingCharacters(in: .whitespacesAndNewlines) {
            return .warn(
                "The secret \(secret.name) is plain text (\(length) characters) with leading or trailing whitespace, such as a newline from a file.",
                fix: "Store the token without the whitespace: `\(putCommand)`.",
                facts: facts
            )
        }
        if !Self.hasTokenShape(text) {
            return .warn(
                "The secret \(secret.name) is plain text (\(length) characters) that does not look like a GitHub token.",
                fix: "Store \(TokenPattern.expectedShape): `\(putCommand)`.",
                facts: facts
            )
        }
        return .pass("\(secret.name): plain text, \(length) characters", facts: facts)
    }

    /// Returns whether `text` has a GitHub token's form: a known prefix or 40 hexadecimal characters, with no whitespace.
    static func hasTokenShape(_ text: String) -> Bool {
        TokenPattern.hasTokenShape(text)
    }
}

private extension SecretPayload {
    /// The kind of value for the check's facts, never the value itself.
    var kindName: String {
        switch self {
        case .binary: return "binary"
        case .empty: return "empty"
        case .string: return "string"
        }
    }
}
