import BerthWizard
import Foundation
import Testing

/// The AWS provider check on folders laid out like the old and new blueprints.
@Suite struct PreflightProviderVersionTests {
    /// Creates a `backend-service` folder with `files`, and a sibling `core-infra` with `core` when given.
    private func folders(_ files: [String: String], core: [String: String] = [:]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("berth-provider-\(UUID().uuidString)")
        let backend = root.appendingPathComponent("backend-service")
        for (folder, contents) in [(backend, files), (root.appendingPathComponent("core-infra"), core)] where !contents.isEmpty || folder == backend {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, text) in contents {
                try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
        }
        return backend
    }

    private func run(_ folder: URL) -> CheckResult {
        let context = CheckContext(settings: CheckSettings(folder: folder), account: .unavailable(message: "none", fix: "none"))
        return ProviderVersionCheck().run(context)
    }

    static let oldVersions = """
    terraform {
      required_version = ">= 1.0.0"
      required_providers {
        aws = {
          source  = "hashicorp/aws"
          version = ">= 3.72.0"
        }
      }
    }
    """

    static let vpcModuleV3 = """
    module "vpc" {
      source  = "terraform-aws-modules/vpc/aws"
      version = "~> 3.0"
      name    = local.name
    }
    """

    static func lock(_ version: String) -> String {
        """
        provider "registry.terraform.io/hashicorp/aws" {
          version     = "\(version)"
          constraints = ">= 3.72.0"
          hashes = []
        }
        """
    }

    @Test func vpcModuleV3WithoutPinFails() throws {
        let folder = try folders(["versions.tf": Self.oldVersions], core: ["versions.tf": Self.oldVersions, "main.tf": Self.vpcModuleV3])

        let result = run(folder)

        #expect(result.status == .fail)
        #expect(result.evidence.contains("core-infra/main.tf module \"vpc\" uses the VPC module v3"))
        #expect(result.fix?.contains("version = \">= 4.22, < 5.0\"") == true)
    }

    @Test func vpcModuleV3LockedAtFiveFails() throws {
        let folder = try folders(["versions.tf": Self.oldVersions, "main.tf": Self.vpcModuleV3, ".terraform.lock.hcl": Self.lock("5.31.0")])

        let result = run(folder)

        #expect(result.status == .fail)
        #expect(result.evidence.contains(".terraform.lock.hcl selects hashicorp/aws 5.31.0"))
        #expect(result.fix?.contains("terraform init -upgrade") == true)
    }

    @Test func vpcModuleV3LockedBelowFivePasses() throws {
        let folder = try folders(["versions.tf": Self.oldVersions, "main.tf": Self.vpcModuleV3, ".terraform.lock.hcl": Self.lock("4.67.0")])

        let result = run(folder)

        #expect(result.status == .pass, "\(result.evidence)")
        #expect(result.evidence.contains("locked at 4.67.0"))
    }

    @Test func vpcModuleV3WithPinPasses() throws {
        let pinned = Self.oldVersions.replacingOccurrences(of: "\">= 3.72.0\"", with: "\">= 4.22, < 5.0\"")
        let folder = try folders(["versions.tf": pinned, "main.tf": Self.vpcModuleV3])

        let result = run(folder)

        #expect(result.status == .pass, "\(result.evidence)")
    }

    @Test func noUpperBoundNoLockWarns() throws {
        let folder = try folders(["versions.tf": Self.oldVersions, "main.tf": "data \"aws_vpc\" \"vpc\" {}\n"])

        let result = run(folder)

        #expect(result.status == .warn)
        #expect(result.evidence.contains("no upper bound and no .terraform.lock.hcl"))
        #expect(result.fix?.contains(">= 4.22, < 5.0") == true)
    }

    @Test func exactCurrentLayoutPinPasses() throws {
        let current = Self.oldVersions.replacingOccurrences(of: "\">= 3.72.0\"", with: "\"= 5.100.0\"")
        let folder = try folders(["versions.tf": current, "main.tf": "module \"vpc\" {\n  source  = \"terraform-aws-modules/vpc/aws\"\n  version = \"~> 5.0\"\n}\n"])

        let result = run(folder)

        #expect(result.status == .pass, "\(result.evidence)")
    }

    @Test func folderWithoutAWSPasses() throws {
        let folder = try folders(["main.tf": "resource \"terraform_data\" \"x\" {}\n"])

        let result = run(folder)

        #expect(result.status == .pass)
        #expect(result.evidence.contains("use no AWS provider"))
    }
}
