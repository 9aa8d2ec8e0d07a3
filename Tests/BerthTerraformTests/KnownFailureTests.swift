import BerthTerraform
import Foundation
import Testing

@Suite struct KnownFailureTests {
    @Test func lockFieldsReadDespitePadding() throws {
        let events = try Fixture.events("c24-state-lock.jsonl")
        guard case let .diagnostic(diagnostic) = events[1] else {
            Issue.record("expected a diagnostic, got \(events[1])")
            return
        }

        let lock = try #require(StateLockInfo.parse(diagnostic))

        #expect(lock == StateLockInfo(
            id: "3f2b9c1e-0000-1111-2222-333344445555",
            path: "<BUCKET>/backend/terraform.tfstate",
            operation: "OperationTypeApply",
            who: "<USER>@<HOST>",
            version: "1.5.7",
            created: "2024-01-01 10:00:00 +0000 UTC"
        ))
        #expect(lock.age(at: Date(timeIntervalSince1970: 1_704_103_260)) == 60)
        #expect(KnownFailure.recognize(diagnostic) == .stateLocked(lock))
    }

    @Test func lockWithTabsAndFractionalTime() throws {
        let detail = "resource temporarily unavailable\n\nLock Info:\n\tID:\tabc-123\n\tOperation:\tOperationTypePlan\n\tCreated:\t2024-01-01 10:00:00.123456789 +0000 UTC\n"

        let lock = try #require(StateLockInfo.parse(summary: "Error acquiring the state lock", detail: detail))

        #expect(lock.id == "abc-123")
        #expect(lock.operation == "OperationTypePlan")
        #expect(lock.who == nil)
        #expect(lock.age(at: Date(timeIntervalSince1970: 1_704_103_200)) == 0)
    }

    @Test func otherSummaryIsNotLock() {
        #expect(StateLockInfo.parse(summary: "Invalid value", detail: "  ID: x") == nil)
    }

    @Test func expiredTokenBothForms() {
        let xml = Diagnostic(severity: "error", summary: "retrieving AWS account details", detail: "operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: <REQ_ID>, api error ExpiredToken: The security token included in the request is expired")
        let json = Diagnostic(severity: "error", summary: "reading ECS Cluster", detail: "ExpiredTokenException: token expired")

        #expect(KnownFailure.recognize(xml) == .expiredCredentials)
        #expect(KnownFailure.recognize(json) == .expiredCredentials)
        #expect(KnownFailure.expiredCredentials.explanation.contains("not a Terraform hang"))
    }

    @Test func codeStarRuleRecognised() throws {
        let model = try Fixture.model("c23-partial-apply.jsonl")

        #expect(KnownFailure.recognize(model.snapshot().diagnostics) == .codeStarNotificationRule)
        #expect(KnownFailure.codeStarNotificationRule.fix.contains("apply again"))
    }

    @Test func warningsIgnored() {
        let warning = Diagnostic(severity: "warning", summary: "x", detail: "ExpiredToken")

        #expect(KnownFailure.recognize([warning]) == nil)
    }

    @Test func unrelatedErrorNotRecognised() {
        #expect(KnownFailure.recognize(Diagnostic(severity: "error", summary: "Invalid reference", detail: "A reference to a resource type must be followed by at least one attribute access.")) == nil)
    }

    @Test func registryAndProxyFailuresRecognised() {
        let proxy = Diagnostic(severity: "error", summary: "Failed to query available provider packages", detail: "Could not retrieve the list of available versions for provider hashicorp/aws: could not connect to registry.terraform.io: failed to request discovery document: Get \"https://registry.terraform.io/.well-known/terraform.json\": proxyconnect tcp: dial tcp 127.0.0.1:3128: connect: connection refused")
        let install = Diagnostic(severity: "error", summary: "Failed to install provider", detail: "Error while installing hashicorp/random v3.6.0: checksum list has no SHA-256 hash")

        #expect(KnownFailure.recognize(proxy) == .providerInstallation(provider: "hashicorp/aws"))
        #expect(KnownFailure.recognize(install) == .providerInstallation(provider: "hashicorp/random"))
        #expect(KnownFailure.providerInstallation(provider: "hashicorp/aws").fix.contains("HTTPS_PROXY"))
    }
}
