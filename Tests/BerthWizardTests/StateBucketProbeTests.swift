import BerthAWS
import BerthTestSupport
import BerthWizard
import Foundation
import Testing

/// HeadBucket responses as S3 returns them, from a scripted transport without network, mapped
/// to the bucket outcomes that the state storage screen shows.
@Suite struct StateBucketProbeTests {
    func probe(_ responses: [HTTPResponse]) -> (AWSStateBucketProbe, AWSScriptedTransport) {
        let transport = AWSScriptedTransport(responses: responses.map { .success($0) })
        let endpoints = EndpointResolver(region: "us-west-2", environment: AWSEnvironment(variables: [:], homeDirectory: "/nonexistent"),
                                         shared: AWSSharedConfig(config: AWSConfigFile(kind: .config, path: "config"),
                                                                 credentials: AWSConfigFile(kind: .credentials, path: "credentials")),
                                         profile: nil)
        let runtime = AWSRuntime(transport: transport, now: { Date(timeIntervalSince1970: 1_796_385_600) }, sleep: { _ in }, random: { 0 })
        let client = AWSClient(region: "us-west-2", endpoints: endpoints,
                               credentials: .fixed(AWSCredentials(accessKeyID: "AKIA", secretAccessKey: "s", source: "test keys")),
                               runtime: runtime)
        return (AWSStateBucketProbe(client: client), transport)
    }

    func response(_ status: Int, region: String? = nil) -> HTTPResponse {
        var headers = HTTPHeaders()
        if let region { headers.set("x-amz-bucket-region", region) }
        return HTTPResponse(status: status, headers: headers)
    }

    @Test func reachableBucketIsSignedHeadRequest() throws {
        let (probe, transport) = probe([response(200, region: "eu-west-1")])

        #expect(probe.probe(bucket: "team-state", region: "eu-west-1") == .reachable)
        let request = try #require(transport.requests.first)
        #expect(request.method == "HEAD")
        #expect(request.host == "s3.eu-west-1.amazonaws.com")
        #expect(request.path == "/team-state")
        #expect(request.headers["x-amz-content-sha256"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(request.headers["authorization"]?.contains("/eu-west-1/s3/aws4_request") == true)
        #expect(probe.endpointOverride(region: "eu-west-1") == nil)
    }

    @Test func answersBecomeOutcomes() {
        #expect(probe([response(404)]).0.probe(bucket: "b-1", region: "us-west-2") == .missing)
        #expect(probe([response(403)]).0.probe(bucket: "b-1", region: "us-west-2") == .denied(code: "Forbidden"))
        #expect(probe([response(301, region: "ap-south-1")]).0.probe(bucket: "b-1", region: "us-west-2") == .wrongRegion(actual: "ap-south-1"))
        #expect(probe([response(200, region: "ap-south-1")]).0.probe(bucket: "b-1", region: "us-west-2") == .wrongRegion(actual: "ap-south-1"))
        #expect(probe([response(403, region: "ap-south-1")]).0.probe(bucket: "b-1", region: "us-west-2") == .wrongRegion(actual: "ap-south-1"))
    }
}
