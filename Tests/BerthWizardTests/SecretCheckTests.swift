import BerthWizard
import Foundation
import Testing

@Suite struct SecretCheckTests {
    private let secret = SecretInfo(
        name: "ecs-github-token",
        arn: "arn:aws:secretsmanager:us-west-2:123456789012:secret:ecs-github-token-AbCdEf",
        kmsKeyID: "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    )

    private func result(_ payload: Result<SecretPayload, ServiceFailure>) -> CheckResult {
        let account = ScriptedAccount()
        account.secret = .success(secret)
        account.payload = payload
        return GitHubTokenSecretCheck().run(account.context())
    }

    @Test func kmsDenialNamesKeyAndKeepsSecret() {
        let denial = ServiceFailure(kind: .accessDenied, code: "AccessDeniedException", message: "Access to KMS is not allowed")

        let outcome = result(.failure(denial))

        #expect(outcome.status == .fail)
        #expect(outcome.evidence.contains("The secret ecs-github-token exists"))
        #expect(outcome.fix?.contains("kms:Decrypt on key 1234abcd-12ab-34cd-56ef-1234567890ab") == true)
        #expect(outcome.fix?.contains("Do not re-create") == true)
    }

    @Test func plainDenialIsUnknown() {
        let outcome = result(.failure(ServiceFailure(kind: .accessDenied, code: "AccessDeniedException", message: "not authorized to perform secretsmanager:GetSecretValue")))

        #expect(outcome.status == .unknown)
        #expect(outcome.fix?.contains("secretsmanager:GetSecretValue") == true)
    }

    @Test func plainTokenPassesWithoutValue() {
        let token = "ghp_" + String(repeating: "x", count: 36)

        let outcome = result(.success(.string(token)))

        #expect(outcome.status == .pass)
        #expect(outcome.evidence == "ecs-github-token: plain text, 40 characters")
        #expect(!outcome.evidence.contains("ghp_"))
    }

    @Test func nonTokenTextWarnsWithoutValue() {
        for value in ["not-a-token value", "ghp_abc def", "hunter2"] {
            let outcome = result(.success(.string(value)))

            #expect(outcome.status == .warn)
            #expect(outcome.evidence.contains("does not look like a GitHub token"))
            #expect(outcome.evidence.contains("\(value.count) characters"))
            #expect(!outcome.evidence.contains(value))
            #expect(outcome.fix?.contains("put-secret-value") == true)
        }
    }

    @Test func classicHexTokenPasses() {
        let outcome = result(.success(.string(String(repeating: "a1", count: 20))))

        #expect(outcome.status == .pass)
    }

    @Test func trailingNewlineWarns() {
        let outcome = result(.success(.string("ghp_" + String(repeating: "x", count: 36) + "\n")))

        #expect(outcome.status == .warn)
        #expect(!outcome.evidence.contains("ghp_"))
    }

    @Test func quotedJSONStringWarns() {
        let outcome = result(.success(.string("\"ghp_" + String(repeating: "x", count: 36) + "\"")))

        #expect(outcome.status == .warn)
        #expect(outcome.evidence.contains("quoted JSON string"))
    }

    @Test func emptyStringFails() {
        #expect(result(.success(.string(""))).status == .fail)
        #expect(result(.success(.empty)).status == .fail)
    }

    @Test func secretWithoutValueFailsWithPutCommand() {
        let missingVersion = ServiceFailure(kind: .notFound, code: "ResourceNotFoundException", message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT")

        let outcome = result(.failure(missingVersion))

        #expect(outcome.status == .fail)
        #expect(outcome.evidence.contains("exists but has no value (no AWSCURRENT version)"))
        #expect(outcome.fix?.contains("aws secretsmanager put-secret-value --secret-id ecs-github-token --secret-string <token>") == true)
        #expect(outcome.fix?.contains("region") == false)
    }

    @Test func badNameCharacterFailsBeforeAWS() {
        let account = ScriptedAccount()

        let outcome = GitHubTokenSecretCheck().run(account.context(secretName: "my token!"))

        #expect(outcome.status == .fail)
        #expect(outcome.evidence.contains("contains \" \""))
    }

    @Test func arnInOtherRegionFails() {
        let account = ScriptedAccount()

        let outcome = GitHubTokenSecretCheck().run(account.context(secretName: "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecs-github-token-AbCdEf"))

        #expect(outcome.status == .fail)
        #expect(outcome.evidence.contains("in us-east-1, but the deploy region is us-west-2"))
    }

    @Test func arnWithSuffixLikeNameTriesBoth() throws {
        let name = try SecretName(parsing: "arn:aws:secretsmanager:us-west-2:123456789012:secret:gh-token-master")

        #expect(name.candidates == ["gh-token", "gh-token-master"])
        #expect(name.arnRegion == "us-west-2")
    }

    @Test func roleListDeniedIsUnknownNamingPermission() {
        let account = ScriptedAccount()

        let outcome = CodeStarRoleCheck().run(account.context())

        #expect(outcome.status == .unknown)
        #expect(outcome.fix?.contains("iam:ListRoles") == true)
        #expect(outcome.fix?.contains("iam:CreateServiceLinkedRole") == true)
    }

    @Test func roleCreateDeniedNamesPermission() {
        let account = ScriptedAccount()
        account.listRoles = .success([])

        let outcome = CodeStarRoleCheck.create(using: account, context: account.context())

        #expect(outcome.status == .unknown)
        #expect(outcome.fix?.contains("iam:CreateServiceLinkedRole") == true)
    }

    @Test func expiredCredentialsSayRefresh() {
        let account = ScriptedAccount()
        account.identity = .failure(ServiceFailure(kind: .expiredCredentials, code: "ExpiredToken", message: "The security token included in the request is expired"))

        let outcome = IdentityCheck().run(account.context())

        #expect(outcome.status == .fail)
        #expect(outcome.fix?.hasPrefix("Refresh credentials") == true)
    }
}
