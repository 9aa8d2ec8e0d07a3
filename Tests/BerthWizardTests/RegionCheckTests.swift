import BerthWizard
import Foundation
import Testing

@Suite struct RegionCheckTests {
    private func makeFolder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-region-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    private func run(region: String?, in folder: URL, accountProblem: String = "No AWS region is set: not in --region.") -> CheckResult {
        let settings = CheckSettings(folder: folder, region: region, regionSource: "AWS_REGION")
        return RegionCheck().run(CheckContext(settings: settings, account: .unavailable(message: accountProblem, fix: "none")))
    }

    @Test func regionFromLocalsCompared() throws {
        let main = """
        locals {
          name   = "ecsdemo-backend"
          region = "us-west-2"
        }

        provider "aws" {
          region = local.region
        }
        """
        let folder = try makeFolder(["main.tf": main])

        let result = run(region: "eu-central-1", in: folder)

        #expect(result.status == .fail)
        #expect(result.evidence.contains("main.tf:7 pins provider \"aws\" to us-west-2"))
        #expect(result.fix?.contains("--region us-west-2") == true)
    }

    @Test func variableRegionIsNotPinned() throws {
        let folder = try makeFolder(["main.tf": "provider \"aws\" {\n  region = var.aws_region\n}\n"])

        let result = run(region: "eu-central-1", in: folder)

        #expect(result.status == .pass)
        #expect(result.evidence == "eu-central-1 (from AWS_REGION)")
    }

    @Test func availabilityZoneRejected() throws {
        let result = run(region: "us-west-2a", in: try makeFolder([:]))

        #expect(result.status == .fail)
        #expect(result.fix?.contains("not an availability zone") == true)
    }

    @Test func missingRegionFails() throws {
        let result = run(region: nil, in: try makeFolder([:]))

        #expect(result.status == .fail)
        #expect(result.fix?.contains("--region") == true)
    }

    @Test func failedProfileMakesRegionUnknown() throws {
        let problem = "The profile \"nope\" (from --profile) is in neither /h/.aws/config nor /h/.aws/credentials."

        let result = run(region: nil, in: try makeFolder([:]), accountProblem: problem)

        #expect(result.status == .unknown)
        #expect(result.evidence.contains(problem), "the reason must be in the row, which --only region prints alone")
        #expect(!result.evidence.contains("see the AWS credentials row"))
        #expect(result.fix == "none", "the fix is the set-up problem's own")
        #expect(!result.evidence.contains("No region is set"))
    }

    @Test func unprefixedSectionShownInRegionRow() throws {
        let problem = "No AWS region is set: [dev] in /h/.aws/config is not a profile, so its settings (such as `region`) are ignored."

        let result = run(region: nil, in: try makeFolder([:]), accountProblem: problem)

        #expect(result.status == .fail)
        #expect(result.evidence.contains("[dev] in /h/.aws/config is not a profile"))
    }

    @Test func oneLineProviderBlockRead() throws {
        let folder = try makeFolder(["providers.tf": "provider \"aws\" { region = \"us-east-1\" }\n"])

        let result = run(region: "us-west-2", in: folder)

        #expect(result.status == .fail)
        #expect(result.evidence.contains("providers.tf:1"))
    }
}
