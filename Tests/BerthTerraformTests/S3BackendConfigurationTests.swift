import BerthTerraform
import Foundation
import Testing

@Suite struct S3BackendConfigurationTests {
    func configuration(bucket: String = "acme-terraform-state", key: String = "backend-service/terraform.tfstate", region: String = "us-west-2", locking: S3BackendConfiguration.Locking = .lockfile) -> S3BackendConfiguration {
        S3BackendConfiguration(bucket: bucket, key: key, region: region, locking: locking)
    }

    func engine(_ name: String, _ version: String) throws -> Engine {
        Engine(path: "/usr/bin/\(name)", name: name, version: try #require(EngineVersion(version)))
    }

    @Test func validSettingsHaveNoProblems() throws {
        let valid = configuration()
        let withTable = configuration(bucket: "my.state-bucket.2024", key: "a/b/c.tfstate", region: "us-gov-west-1", locking: .dynamoDBTable("terraform-locks"))

        #expect(valid.problems().isEmpty)
        #expect(withTable.problems().isEmpty)
        #expect(throws: Never.self) { try valid.validate(engine: try engine("terraform", "1.15.5")) }
    }

    @Test(arguments: [
        ("", "a bucket name is required"),
        ("ab", "the name has 2 characters; bucket names have 3 to 63"),
        (String(repeating: "a", count: 64), "the name has 64 characters; bucket names have 3 to 63"),
        ("Acme-State", "bucket names use lowercase letters only; did you mean \"acme-state\"?"),
        ("acme_state", "the character \"_\" is not allowed"),
        ("acme state", "the character \" \" is not allowed"),
        ("-acme", "bucket names begin and end with a lowercase letter or a digit"),
        ("acme.", "bucket names begin and end with a lowercase letter or a digit"),
        ("acme..state", "bucket names cannot contain two dots in a row"),
        ("192.168.5.4", "bucket names cannot be formatted as an IP address"),
        ("xn--acme", "the prefix \"xn--\" is reserved by AWS"),
        ("sthree-acme", "the prefix \"sthree-\" is reserved by AWS"),
        ("acme-s3alias", "the suffix \"-s3alias\" is reserved by AWS"),
        ("acme--ol-s3", "the suffix \"--ol-s3\" is reserved by AWS"),
        ("acme--x-s3", "the suffix \"--x-s3\" is reserved by AWS"),
        ("acmé-state", "the character \"é\" is not allowed"),
    ])
    func badBucketNameRejected(bucket: String, reason: String) {
        let problems = configuration(bucket: bucket).problems()

        #expect(problems.count == 1)
        #expect(problems.first?.field == .bucket)
        #expect(problems.first?.value == bucket)
        #expect(problems.first?.reason.hasPrefix(reason) == true, "\(problems.first?.reason ?? "no problem")")
    }

    @Test(arguments: [
        ("", "a state key is required"),
        ("/backend-service/terraform.tfstate", "the key must not start with \"/\"; use \"backend-service/terraform.tfstate\""),
        ("backend-service/", "the key must not end with \"/\""),
        ("a//b.tfstate", "the key must not contain an empty path segment"),
        ("a\tb.tfstate", "the key must not contain control characters"),
        (String(repeating: "k", count: 1025), "the key is 1025 bytes long; S3 keys are at most 1024 bytes"),
    ])
    func badKeyRejected(key: String, reason: String) {
        let problems = configuration(key: key).problems()

        #expect(problems.map(\.field) == [.key])
        #expect(problems.first?.reason.hasPrefix(reason) == true, "\(problems.first?.reason ?? "no problem")")
    }

    @Test(arguments: ["/lead//x/", "a//b.tfstate", "lead/x/", "//", "/a\tb//c"])
    func suggestedKeyPassesEveryRule(key: String) throws {
        let reason = try #require(configuration(key: key).problems().first?.reason)
        let start = try #require(reason.range(of: "use \""))
        let suggestion = String(reason[start.upperBound...].prefix(while: { $0 != "\"" }))

        #expect(configuration(key: suggestion).problems().isEmpty, "\(reason) suggests \(suggestion)")
        if key == "/lead//x/" {
            #expect(suggestion == "lead/x")
        }
    }

    @Test(arguments: [
        ("", "the bucket's region is required"),
        ("us-west-2a", "this is an Availability Zone; use its region \"us-west-2\""),
        ("US-WEST-2", "a region looks like \"us-west-2\""),
        ("uswest2", "a region looks like \"us-west-2\""),
        ("us-west-2 ", "a region looks like \"us-west-2\""),
    ])
    func badRegionRejected(region: String, reason: String) {
        let problems = configuration(region: region).problems()

        #expect(problems.map(\.field) == [.region])
        #expect(problems.first?.reason.hasPrefix(reason) == true, "\(problems.first?.reason ?? "no problem")")
    }

    @Test func badTableNameRejected() {
        let short = configuration(locking: .dynamoDBTable("ab")).problems()
        let spaced = configuration(locking: .dynamoDBTable("terraform locks")).problems()

        #expect(short.map(\.field) == [.dynamoDBTable])
        #expect(spaced.map(\.field) == [.dynamoDBTable])
        #expect(spaced.first?.reason.contains("letters, digits") == true)
    }

    @Test func everyBadFieldListedInOrder() {
        let problems = configuration(bucket: "A", key: "/", region: "west").problems()

        #expect(problems.map(\.field) == [.bucket, .key, .region])
        #expect(problems.first?.description.hasPrefix("invalid bucket \"A\": ") == true)
    }

    @Test func endpointWithPasswordRejectedUnshown() throws {
        var settings = configuration()
        settings.endpoint = .init(url: try #require(URL(string: "http://user:hunter2@127.0.0.1:9000")))

        let problems = settings.problems()

        #expect(problems.map(\.field) == [.endpoint])
        #expect(problems.first?.reason.contains("must not contain a user name or password") == true)
        #expect(problems.first?.description.contains("hunter2") == false)
    }

    @Test func endpointWithoutHttpRejected() throws {
        var settings = configuration()
        settings.endpoint = .init(url: try #require(URL(string: "s3://127.0.0.1:9000")))

        #expect(settings.problems().map(\.reason) == ["the endpoint must be an http:// or https:// URL"])
    }

    @Test func lockfileNeedsNewEnoughEngine() throws {
        let settings = configuration()
        let oldTerraform = settings.problems(engine: try engine("terraform", "1.9.8"))

        #expect(oldTerraform.map(\.field) == [.engine])
        #expect(oldTerraform.first?.reason == "S3 lock files (use_lockfile) need Terraform 1.10.0 or later; upgrade, or lock with a DynamoDB table")
        #expect(settings.problems(engine: try engine("terraform", "1.10.0")).isEmpty)
        #expect(settings.problems(engine: try engine("tofu", "1.8.0")).isEmpty)
        #expect(settings.problems(engine: try engine("tofu", "1.7.3")).map(\.field) == [.engine])
        #expect(configuration(locking: .dynamoDBTable("locks")).problems(engine: try engine("terraform", "1.5.7")).isEmpty)
    }

    @Test func validateThrowsFirstProblem() {
        #expect(throws: BackendConfigurationError(field: .key, value: "/state", reason: "the key must not start with \"/\"; use \"state\"")) {
            try configuration(key: "/state").validate()
        }
    }
}
