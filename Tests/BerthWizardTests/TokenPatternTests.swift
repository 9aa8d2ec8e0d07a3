import BerthWizard
import Testing

/// Masking of tokens in text Berth shows, and the file paths it leaves alone.
@Suite struct TokenPatternTests {
    private let hex = "ee0b" + String(repeating: "1a2b", count: 9)

    @Test func ssoCachePathKeepsHexName() {
        let text = "The SSO token in /root/.aws/sso/cache/\(hex).json has expired."

        #expect(TokenPattern.mask(text) == text)
    }

    @Test func bareHexTokenStillMasked() {
        let masked = TokenPattern.mask("token \(hex) rejected")

        #expect(masked == "token ee0b**** rejected")
    }

    @Test func prefixedTokenInPathStillMasked() {
        let token = "ghp_" + String(repeating: "x", count: 36)

        let masked = TokenPattern.mask("wrote /tmp/\(token)/file and \(token)")

        #expect(!masked.contains(token))
    }

    @Test func hexInURLStillMasked() {
        let masked = TokenPattern.mask("https://example.test/\(hex)")

        #expect(!masked.contains(hex))
    }

    @Test func ownerFieldRejectionNamesField() {
        let spec = VariableSpec(name: "repository_owner", typeText: "string", defaultText: nil, description: "The GitHub user or organisation that owns the fork.")

        let message = TokenPattern.rejection(for: spec)

        #expect(message.contains("repository_owner expects the GitHub user or organisation that owns the fork"))
        #expect(message.contains("Secrets Manager"))
        #expect(!message.contains("secret's name"))
    }

    @Test func rejectionKeepsCaseOfLeadingProperName() {
        let spec = VariableSpec(name: "repository_owner", typeText: "string", defaultText: nil, description: "GitHub user or organisation that owns the fork")

        let message = TokenPattern.rejection(for: spec)

        #expect(message.contains("repository_owner expects GitHub user or organisation"))
        #expect(!message.contains("gitHub"))
    }

    @Test func secretNameFieldRejectionAsksForName() {
        let spec = VariableSpec(name: "github_token_secret_name", typeText: "string", defaultText: nil, description: "")

        #expect(TokenPattern.rejection(for: spec).contains("enter only the secret's name"))
    }

    @Test func undescribedFieldRejectionNamesType() {
        let spec = VariableSpec(name: "container_name", typeText: "string", defaultText: nil, description: "")

        #expect(TokenPattern.rejection(for: spec).contains("container_name expects a string value"))
    }
}

@Suite struct TokenStoreProblemTests {
    @Test(arguments: [
        "ghp_" + String(repeating: "a", count: 36),
        "github_pat_" + String(repeating: "B", count: 82),
        "gho_" + String(repeating: "c", count: 36),
        String(repeating: "0123456789", count: 4),
    ])
    func tokenShapesAreAccepted(value: String) {
        #expect(TokenPattern.storeProblem(value) == nil)
    }

    @Test(arguments: [
        ("", "is empty"),
        ("   ", "is empty"),
        ("{\"github_token\":\"ghp_" + String(repeating: "a", count: 36) + "\"}", "is JSON"),
        ("[\"ghp_" + String(repeating: "a", count: 36) + "\"]", "is JSON"),
        ("\"ghp_" + String(repeating: "a", count: 36) + "\"", "quoted JSON string"),
        ("ghp_" + String(repeating: "a", count: 36) + "\n", "spaces or line breaks"),
        ("ghp_abc def", "spaces or line breaks"),
        ("not-a-token", "does not look like a GitHub token"),
        ("ghp_", "does not look like a GitHub token"),
    ])
    func otherValuesAreRefusedWithReason(value: String, reason: String) throws {
        let problem = try #require(TokenPattern.storeProblem(value))

        #expect(problem.contains(reason), "\(problem)")
        #expect(problem.contains("ghp_…") && problem.contains("github_pat_…"), "\(problem)")
        #expect(value.isEmpty || value == "   " || value == "ghp_" || !problem.contains(value))
    }
}
