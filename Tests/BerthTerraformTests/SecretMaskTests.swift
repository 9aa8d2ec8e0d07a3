import BerthTerraform
import Testing

@Suite struct SecretMaskTests {
    @Test func tokenKindsMasked() {
        #expect(SecretMask.mask("OAuthToken ghp_0123456789abcdefghij0123456789abcdef is invalid") == "OAuthToken ghp_…(masked) is invalid")
        #expect(SecretMask.mask("github_pat_11ABCDEFG0123456789_abcdefghijklmnop") == "github_pat_…(masked)")
        #expect(SecretMask.mask("gho_abcdefghijklmnop and ghs_abcdefghijklmnop") == "gho_…(masked) and ghs_…(masked)")
    }

    @Test func ordinaryTextUnchanged() {
        #expect(SecretMask.mask("light through the ghost_town") == "light through the ghost_town")
        #expect(SecretMask.mask("ghp_short") == "ghp_short")
        #expect(SecretMask.mask("") == "")
    }

    @Test func maskedInDiagnostics() {
        let model = RunModel()
        model.apply(.diagnostic(Diagnostic(severity: "error", summary: "bad token ghp_abcdefghijklmnopqrstuvwxyz", detail: "OAuthToken: ghp_abcdefghijklmnopqrstuvwxyz")))

        let diagnostic = model.snapshot().diagnostics[0]

        #expect(diagnostic.summary == "bad token ghp_…(masked)")
        #expect(diagnostic.detail == "OAuthToken: ghp_…(masked)")
    }
}
