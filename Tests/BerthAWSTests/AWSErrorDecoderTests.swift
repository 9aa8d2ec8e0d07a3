import BerthAWS
import Foundation
import Testing

/// Decoding of error responses for each protocol, and the wording of the handed failure cases.
@Suite struct AWSErrorDecoderTests {
    static let now = Date(timeIntervalSince1970: 1_796_385_600)  // 2026-12-04T12:00:00Z

    func decode(_ status: Int, _ body: String, headers: [(String, String)] = [], service: AWSService = .sts,
                operation: String = "GetCallerIdentity") -> AWSError {
        AWSErrorDecoder.decode(HTTPResponse(status: status, headers: HTTPHeaders(headers), body: Data(body.utf8)),
                               service: service, operation: operation, now: Self.now)
    }

    @Test func expiredTokenQueryProtocol() {
        let error = decode(403, """
        <ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>req-42</RequestId></ErrorResponse>
        """)

        #expect(error.kind == .expiredCredentials)
        #expect(error.code == "ExpiredToken")
        #expect(error.requestID == "req-42")
        #expect(error.status == 403)
        #expect(error.fix.contains("aws sso login"))
    }

    @Test func expiredTokenJSONProtocol() {
        let error = decode(400, #"{"__type":"ExpiredTokenException","message":"The security token included in the request is expired"}"#,
                           headers: [("x-amzn-RequestId", "req-7")], service: .secretsManager, operation: "DescribeSecret")

        #expect(error.kind == .expiredCredentials)
        #expect(error.code == "ExpiredTokenException")
        #expect(error.requestID == "req-7")
    }

    @Test func jsonTypeWithNamespace() {
        let error = decode(400, #"{"__type":"com.amazonaws.ecs#ClusterNotFoundException","message":"Cluster not found."}"#,
                           service: .ecs, operation: "DescribeClusters")

        #expect(error.code == "ClusterNotFoundException")
        #expect(error.kind == .notFound)
        #expect(error.message == "Cluster not found.")
    }

    @Test func restJSONErrorTypeHeader() {
        let error = decode(404, #"{"Message":"no such rule"}"#,
                           headers: [("x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/")],
                           service: .sso, operation: "GetRoleCredentials")

        #expect(error.code == "ResourceNotFoundException")
        #expect(error.message == "no such rule")
        #expect(error.kind == .notFound)
    }

    @Test func ec2ErrorShape() {
        let error = decode(400, """
        <?xml version="1.0" encoding="UTF-8"?>
        <Response><Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>The vpc ID 'vpc-1' does not exist</Message></Error></Errors><RequestID>ec2-req</RequestID></Response>
        """, service: .ec2, operation: "DescribeVpcs")

        #expect(error.code == "InvalidVpcID.NotFound")
        #expect(error.kind == .notFound)
        #expect(error.requestID == "ec2-req")
    }

    @Test func getRoleNoSuchEntity() {
        let error = decode(404, """
        <ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name AWSServiceRoleForCodeStarNotifications cannot be found.</Message></Error><RequestId>r</RequestId></ErrorResponse>
        """, service: .iam, operation: "GetRole")

        #expect(error.kind == .notFound)
        #expect(error.code == "NoSuchEntity")
    }

    @Test func getRoleAccessDeniedNamesActionAndResource() {
        let error = decode(403, """
        <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/dev is not authorized to perform: iam:GetRole on resource: role AWSServiceRoleForCodeStarNotifications because no identity-based policy allows the iam:GetRole action</Message></Error></ErrorResponse>
        """, service: .iam, operation: "GetRole")

        #expect(error.kind == .accessDenied)
        #expect(error.deniedAction == "iam:GetRole")
        #expect(error.deniedResource == "role AWSServiceRoleForCodeStarNotifications")
        #expect(error.userMessage == "IAM GetRole was denied: the caller is not allowed to perform iam:GetRole on role AWSServiceRoleForCodeStarNotifications.")
        #expect(error.fix.contains("allow iam:GetRole"))
    }

    @Test func kmsDenialIsToldApartFromSecretsDenial() {
        let kms = decode(400, #"{"__type":"AccessDeniedException","Message":"Access to KMS is not allowed"}"#,
                         service: .secretsManager, operation: "GetSecretValue")
        let plain = decode(400, #"{"__type":"AccessDeniedException","Message":"User: arn:aws:iam::1:user/u is not authorized to perform: secretsmanager:GetSecretValue on resource: ecs-github-token"}"#,
                           service: .secretsManager, operation: "GetSecretValue")

        #expect(kms.kind == .accessDenied)
        #expect(kms.isKMSDenial)
        #expect(kms.fix.contains("kms:Decrypt"))
        #expect(kms.fix.contains("do not re-create"))
        #expect(!plain.isKMSDenial)
        #expect(plain.deniedAction == "secretsmanager:GetSecretValue")
    }

    @Test func secretNotFound() {
        let error = decode(400, #"{"__type":"ResourceNotFoundException","Message":"Secrets Manager can't find the specified secret."}"#,
                           service: .secretsManager, operation: "DescribeSecret")

        #expect(error.kind == .notFound)
        #expect(error.fix.contains("region"))
    }

    @Test func clockSkewReportsOffset() {
        let error = decode(403, """
        <ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>Signature expired: 20261204T115000Z is now earlier than 20261204T115500Z (20261204T121500Z - 15 min.)</Message></Error></ErrorResponse>
        """, headers: [("Date", "Fri, 04 Dec 2026 12:15:00 GMT")])

        #expect(error.kind == .clock)
        #expect(error.clockOffset == 900)
        #expect(error.userMessage.contains("15 minutes behind AWS's clock"))
        #expect(error.fix.contains("timedatectl set-ntp true"))
    }

    @Test func requestTimeTooSkewedJSON() {
        let error = decode(400, #"{"__type":"RequestTimeTooSkewed","message":"The difference between the request time and the server's time is too large."}"#,
                           headers: [("Date", "Fri, 04 Dec 2026 11:00:00 GMT")], service: .ecs, operation: "ListClusters")

        #expect(error.kind == .clock)
        #expect(error.clockOffset == -3600)
        #expect(error.userMessage.contains("60 minutes ahead of AWS's clock"))
    }

    @Test func malformedOrEmptyBodies() {
        let empty = decode(503, "")
        let html = decode(502, "<html><body>Bad Gateway</body>")
        let brokenJSON = decode(500, "{\"__type\": ", service: .ecs, operation: "ListClusters")

        #expect(empty.code == "ServiceUnavailable")
        #expect(empty.kind == .serviceFailure)
        #expect(html.kind == .serviceFailure)
        #expect(brokenJSON.code == "InternalServerError")
    }

    @Test func invalidCredentialsAndThrottling() {
        #expect(decode(403, "<ErrorResponse><Error><Code>InvalidClientTokenId</Code></Error></ErrorResponse>").kind == .invalidCredentials)
        #expect(decode(400, #"{"__type":"UnrecognizedClientException"}"#, service: .ecs, operation: "ListClusters").kind == .invalidCredentials)
        #expect(decode(400, #"{"__type":"ThrottlingException"}"#, service: .ecs, operation: "ListClusters").kind == .throttled)
        #expect(decode(429, "").kind == .throttled)
        #expect(decode(400, #"{"__type":"InvalidParameterException","message":"x"}"#, service: .ecs, operation: "ListClusters").kind == .invalidInput)
    }
}
