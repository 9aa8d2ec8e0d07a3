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
}
