import BerthWizard
import Foundation
import Testing

/// `--only` and `--skip` for `berth check`, without AWS.
@Suite struct PreflightSelectionTests {
    @Test func unknownIDListsValidIDs() throws {
        #expect(throws: CheckSelectionError.self) { try CheckSelection(only: ["core.vcp"], skip: []) }

        let error = try #require(#expect(throws: CheckSelectionError.self) { try CheckSelection(only: [], skip: ["nope"]) })

        #expect(error.description.contains("Unknown check id \"nope\""))
        #expect(error.description.contains("preflight.github"))
        #expect(error.description.contains("core.vpc"))
    }

    @Test func onlyRunsDependenciesButReportsSelection() throws {
        let selection = try CheckSelection(only: ["core.subnets"], skip: [])

        #expect(selection.toReport.map(\.id) == ["core.subnets"])
        #expect(selection.toRun.map(\.id) == ["identity", "region", "core.vpc", "core.subnets"])
    }

    @Test func skippedDependencyMakesDependentUnknown() throws {
        let selection = try CheckSelection(only: ["preflight.fargate-size", "core.vpc"], skip: ["identity"])
        let context = CheckContext(
            settings: CheckSettings(folder: URL(fileURLWithPath: "/nonexistent")),
            account: .unavailable(message: "none", fix: "none"),
            earlier: selection.skippedResults
        )

        let results = selection.explained(CheckRunner().run(selection.toRun, context: context))

        #expect(selection.toRun.map(\.id).contains("identity") == false)
        #expect(results["core.vpc"]?.status == .unknown)
        #expect(results["core.vpc"]?.evidence == "Not run: it depends on identity, which --skip left out.")
        #expect(results["preflight.fargate-size"]?.status == .unknown)
        #expect(results["preflight.fargate-size"]?.evidence.contains("could not be read") == true)
    }

    @Test func strictCountsWarningsAsFailures() {
        let checks: [Check] = [FargateSizeCheck()]
        let warned = ["preflight.fargate-size": CheckResult.warn("w", fix: "f")]

        #expect(CheckJSONReport.exitStatus(checks: checks, results: warned, strict: false) == 0)
        #expect(CheckJSONReport.exitStatus(checks: checks, results: warned, strict: true) == 1)
        #expect(CheckJSONReport.exitStatus(checks: checks, results: ["preflight.fargate-size": .unknown("u", fix: nil)], strict: false) == 1)
    }
}
