import BerthTestSupport
import Foundation
import Testing

/// `berth check` against an emulator that enforces IAM policies, run as the user of a limited
/// profile: the denied action, the check it broke and the permission to add must be named.
///
/// moto 5.2.5 rejects a denied call with HTTP 403 and a query-protocol XML body for every
/// protocol, JSON services included: `<Code>AccessDenied</Code><Message>User:
/// arn:aws:iam::123456789012:user/NAME is not authorized to perform: ACTION</Message>`.
@Suite(.serialized) struct CheckDeniedActionTests {
    /// Enforcement applies to the whole emulator, so this suite has one to itself.
    static let emulator = Result { try Emulator() }

    static let tfvars = """
    aws_region               = "us-west-2"
    github_token_secret_name = "ecs-github-token"
    repository_owner         = "octo-org"
    cpu                      = 256
    memory                   = 512
    container_name           = "ecsdemo-nodejs"

    """

    /// A blueprint folder and a home whose `~/.aws/credentials` contains profile `limited`, a user
    /// allowed every action except `denied`, with the emulator enforcing IAM.
    struct LimitedAccount {
        let root: TemporaryFolder
        let emulator: Emulator

        var folder: URL { root.file("backend-service") }

        init(denying denied: [String]) throws {
            emulator = try CheckDeniedActionTests.emulator.get()
            try emulator.enforceIAM(false)
            try emulator.reset()
            root = try TemporaryFolder(prefix: "denied")
            try Sandbox.copy(to: root.file("backend-service"))
            try root.write(CheckDeniedActionTests.tfvars, to: "backend-service/terraform.tfvars")
            try root.write("", to: "home/.aws/config")
            try emulator.seed(["--with-secret", "--with-role", "--limited-user", "limited",
                               "--credentials-file", root.file("home/.aws/credentials").path, "--enforce-iam"]
                              + denied.flatMap { ["--deny-action", $0] })
        }

        /// The environment of the run: no keys in variables, so the profile's keys are the ones used.
        var environment: [String: String] {
            [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                "HOME": root.file("home").path,
                "AWS_PROFILE": "limited",
                "AWS_REGION": "us-west-2",
                "AWS_ENDPOINT_URL": emulator.url.absoluteString,
                "GITHUB_API_URL": emulator.githubAPIURL,
                "TF_CLI_CONFIG_FILE": "/dev/null",
            ]
        }

        func check(_ options: [String]) throws -> ChildProcessResult {
            try ChildProcess.run(BerthBinary.require().path,
                                 ["check", "--folder", folder.path, "--engine", Rig.terraform.path] + options,
                                 environment: environment, inheritEnvironment: false, timeout: 120)
        }
    }

    @Test func deniedQueryAndJSONActionsAreNamed() throws {
        let account = try LimitedAccount(denying: ["iam:GetRole", "secretsmanager:DescribeSecret"])

        let result = try account.check([])

        #expect(result.exitStatus == 1, "\(result)")
        let lines = result.standardOutput.components(separatedBy: "\n")
        #expect(lines.contains("PASS    AWS credentials: Account 123456789012, arn:aws:iam::123456789012:user/limited"))
        #expect(lines.contains { $0.hasPrefix("PASS    Core VPC: vpc-") })
        let role = try #require(lines.firstIndex { $0.hasPrefix("UNKNOWN Task execution role:") }, "\(result)")
        #expect(lines[role] == "UNKNOWN Task execution role: GetRole ecs-blueprint-infra-execution was denied (AccessDenied): the caller may not use iam:GetRole.")
        #expect(lines[role + 1] == "        fix: Grant iam:GetRole to the caller, or run Berth with a profile that has it.")
        let secret = try #require(lines.firstIndex { $0.hasPrefix("UNKNOWN GitHub token secret:") }, "\(result)")
        #expect(lines[secret] == "UNKNOWN GitHub token secret: DescribeSecret ecs-github-token was denied (AccessDenied): the caller may not use secretsmanager:DescribeSecret.")
        #expect(lines[secret + 1] == "        fix: Grant secretsmanager:DescribeSecret to the caller, or run Berth with a profile that has it.")
        let names = try #require(lines.firstIndex { $0.hasPrefix("UNKNOWN Names the service creates are free:") }, "\(result)")
        #expect(lines[names] == "UNKNOWN Names the service creates are free: Looking up the fixed names was denied (AccessDenied): the caller may not use iam:GetRole.")
        #expect(lines[names + 1] == "        fix: Grant iam:GetRole to the caller, or run Berth with a profile that has it.")
        #expect(!result.standardOutput.contains(try secretKey(in: account)))
    }

    @Test func deniedEC2AndECSActionsAreNamedInJSON() throws {
        let account = try LimitedAccount(denying: ["ec2:DescribeSubnets", "ecs:DescribeClusters"])

        let result = try account.check(["--json", "--only", "core.subnets", "--only", "core.cluster"])

        #expect(result.exitStatus == 1, "\(result)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let checks = try #require(document["checks"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: checks.compactMap { check in (check["id"] as? String).map { ($0, check) } })
        #expect(byID.keys.sorted() == ["core.cluster", "core.subnets"])

        let subnets = try #require(byID["core.subnets"])
        #expect(subnets["outcome"] as? String == "unknown")
        #expect(subnets["evidence"] as? String == "DescribeSubnets was denied (AccessDenied): the caller may not use ec2:DescribeSubnets.")
        #expect(subnets["fix"] as? String == "Grant ec2:DescribeSubnets to the caller, or run Berth with a profile that has it.")
        let cluster = try #require(byID["core.cluster"])
        #expect(cluster["outcome"] as? String == "unknown")
        #expect(cluster["evidence"] as? String == "DescribeClusters was denied (AccessDenied): the caller may not use ecs:DescribeClusters.")
        #expect(cluster["fix"] as? String == "Grant ecs:DescribeClusters to the caller, or run Berth with a profile that has it.")
        #expect((document["summary"] as? [String: Any])?["unknown"] as? Int == 2)
    }

    @Test func limitedUserWithoutDenialsPassesTheSameChecks() throws {
        let account = try LimitedAccount(denying: [])

        let result = try account.check(["--only", "core.execution-role", "--only", "secret.github-token",
                                        "--only", "core.subnets", "--only", "core.cluster"])

        #expect(result.exitStatus == 0, "\(result)")
        #expect(result.standardOutput.contains("PASS    Task execution role: "))
        #expect(result.standardOutput.contains("PASS    GitHub token secret: "))
        #expect(result.standardOutput.contains("PASS    Private subnets: 3 subnets"))
        #expect(result.standardOutput.contains("PASS    ECS cluster: ecs-blueprint-infra is ACTIVE"))
    }

    @Test func defaultKeysAreRefusedWhileEnforced() throws {
        let account = try LimitedAccount(denying: [])
        var environment = account.environment
        environment.removeValue(forKey: "AWS_PROFILE")
        environment["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE"
        environment["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

        let result = try ChildProcess.run(BerthBinary.require().path,
                                          ["check", "--only", "identity", "--folder", account.folder.path],
                                          environment: environment, inheritEnvironment: false, timeout: 120)

        #expect(result.exitStatus == 1, "\(result)")
        #expect(result.standardOutput.contains("FAIL    AWS credentials: "), "\(result)")
        #expect(result.standardOutput.contains("InvalidClientTokenId"), "\(result)")
    }

    /// Reads the limited user's secret key, to prove it never reaches the output.
    private func secretKey(in account: LimitedAccount) throws -> String {
        let credentials = try account.root.read("home/.aws/credentials")
        let line = try #require(credentials.components(separatedBy: "\n").first { $0.hasPrefix("aws_secret_access_key") })
        return String(try #require(line.split(separator: "=", maxSplits: 1).last)).trimmingCharacters(in: .whitespaces)
    }
}
