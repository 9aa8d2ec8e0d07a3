import BerthWizard
import Testing

/// The lines and the closing summary `berth check` prints.
@Suite struct ChecklistReportTests {
    private struct FixedCheck: Check {
        let id: String
        var title: String { "Check \(id)" }
        let dependsOn: [String] = []
        func run(_ context: CheckContext) -> CheckResult { .unknown("not run in these tests", fix: nil) }
    }

    private func checks(_ count: Int) -> [Check] {
        (1...count).map { FixedCheck(id: "c\($0)") }
    }

    private func results(_ statuses: [CheckStatus]) -> [String: CheckResult] {
        var results: [String: CheckResult] = [:]
        for (index, status) in statuses.enumerated() {
            results["c\(index + 1)"] = CheckResult(status: status, evidence: "e", fix: "f")
        }
        return results
    }

    @Test func linesEscapeBidiAndZeroWidthCharacters() {
        let result = CheckResult.warn("owner octo\u{200B}-example\u{202E} not found", fix: "use x\u{202E}y")

        let lines = ChecklistReport.lines(checks: checks(1), results: ["c1": result])

        #expect(lines == ["WARN    Check c1: owner octo\\u{200B}-example\\u{202E} not found", "        fix: use x\\u{202E}y"])
    }

    @Test func deployedLinesEscapeBidiCharacters() throws {
        let id = try #require(DeployedVerifier.ids.first)

        let lines = DeployedChecklist.lines([id: CheckResult.fail("service x\u{202E}y is missing", fix: "deploy x\u{202E}y")])

        #expect(lines.first?.hasSuffix(": service x\\u{202E}y is missing") == true, "\(lines)")
        #expect(lines.dropFirst().first == "        fix: deploy x\\u{202E}y")
    }

    @Test(arguments: [
        ([CheckStatus.pass], false, "The 1 check passed."),
        ([.pass, .pass], false, "All 2 checks passed."),
        ([.warn], false, "The 1 check passed with a warning."),
        ([.warn, .warn], false, "All 2 checks passed, each with a warning."),
        ([.pass, .warn, .pass], false, "All 3 checks passed, 1 with a warning."),
        ([.warn], true, "1 of 1 check warned, and --strict counts warnings as failures."),
        ([.fail], false, "1 of 1 check did not pass."),
        ([.fail, .unknown, .warn], false, "2 of 3 checks did not pass, and 1 warned."),
    ])
    func summaryCountsMatchTheirNouns(statuses: [CheckStatus], strict: Bool, expected: String) {
        let summary = ChecklistReport.summary(checks: checks(statuses.count), results: results(statuses), strict: strict)

        #expect(summary == expected)
    }

    @Test func noteLeftOutWhenACheckLineShowsTheProblem() {
        let problem = "terraform.tfvars:1:7: Invalid expression"
        let shown = ["c1": CheckResult.fail(problem, fix: nil)]

        #expect(ChecklistReport.note(for: problem, checks: checks(1), results: shown) == nil)
        #expect(ChecklistReport.note(for: problem, checks: checks(1), results: results([.pass])) == "Note: \(problem)")
        #expect(ChecklistReport.note(for: nil, checks: checks(1), results: results([.pass])) == nil)
    }
}
