@testable import BerthAWS
import BerthTestSupport
import Foundation
import Testing

/// `XMLNode.decode` on the response shapes the services send, on XML's escapes, and on malformed input.
@Suite struct XMLNodeTests {
    func decode(_ text: String) throws -> XMLNode {
        try XMLNode.decode(Data(text.utf8))
    }

    func failure(_ text: String) -> XMLDecodeError? {
        do {
            _ = try XMLNode.decode(Data(text.utf8))
            return nil
        } catch let error as XMLDecodeError {
            return error
        } catch {
            Issue.record("XMLNode.decode threw \(error), not an XMLDecodeError")
            return nil
        }
    }

    // MARK: - Response shapes

    @Test func stsIdentityWithNamespace() throws {
        let root = try decode("""
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <GetCallerIdentityResult>
            <Arn>arn:aws:iam::123456789012:user/deployer</Arn>
            <UserId>AIDAEXAMPLE</UserId>
            <Account>123456789012</Account>
          </GetCallerIdentityResult>
          <ResponseMetadata>
            <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
          </ResponseMetadata>
        </GetCallerIdentityResponse>
        """)

        #expect(root.name == "GetCallerIdentityResponse")
        #expect(root.attributes.isEmpty)
        #expect(root.find("GetCallerIdentityResult")?.string("Account") == "123456789012")
        #expect(root.find("GetCallerIdentityResult")?.string("Arn") == "arn:aws:iam::123456789012:user/deployer")
        #expect(root.find("ResponseMetadata")?.string("RequestId") == "01234567-89ab-cdef-0123-456789abcdef")
    }

    @Test func iamRolePolicyStaysPercentEncoded() throws {
        let root = try decode("""
        <?xml version="1.0" encoding="UTF-8"?>
        <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role>\
        <Path>/aws-service-role/ecs.amazonaws.com/</Path><RoleName>AWSServiceRoleForECS</RoleName>\
        <Arn>arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS</Arn>\
        <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</AssumeRolePolicyDocument>\
        <Tags><member><Key>team</Key><Value>a &amp; b</Value></member></Tags>\
        </Role></GetRoleResult></GetRoleResponse>
        """)

        let role = try #require(root.find("GetRoleResult", "Role"))
        #expect(role.string("RoleName") == "AWSServiceRoleForECS")
        #expect(role.string("AssumeRolePolicyDocument") == "%7B%22Version%22%3A%222012-10-17%22%7D")
        #expect(role.find("Tags", "member")?.string("Value") == "a & b")
    }

    @Test func ec2ItemSetsAndTags() throws {
        let root = try decode("""
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
            <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>
            <vpcSet>
                <item><vpcId>vpc-1</vpcId><tagSet><item><key>Name</key><value>core-infra</value></item></tagSet></item>
                <item><vpcId>vpc-2</vpcId><tagSet/></item>
            </vpcSet>
            <nextToken/>
        </DescribeVpcsResponse>
        """)

        let items = try #require(root.child("vpcSet")).children("item")
        #expect(items.map { $0.string("vpcId") } == ["vpc-1", "vpc-2"])
        #expect(EC2Client.tags(items[0]) == ["Name": "core-infra"])
        #expect(EC2Client.tags(items[1]).isEmpty)
        #expect(root.string("nextToken") == "")
    }

    @Test func s3ErrorShape() throws {
        let root = try decode("""
        <?xml version="1.0" encoding="UTF-8"?>
        <Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>\
        <BucketName>tf-state</BucketName><RequestId>4442587FB7D0A2F9</RequestId></Error>
        """)

        #expect(root.name == "Error")
        #expect(root.string("Code") == "NoSuchBucket")
        #expect(root.string("BucketName") == "tf-state")
    }

    @Test func route53PrefixedNamesAndAttributes() throws {
        let root = try decode("""
        <r:GetHostedZoneResponse xmlns:r="https://route53.amazonaws.com/doc/2013-04-01/" r:version='1'>
        <r:VPCs><r:VPC><r:VPCRegion>us-west-2</r:VPCRegion><r:VPCId>vpc-9</r:VPCId></r:VPC></r:VPCs>
        </r:GetHostedZoneResponse>
        """)

        #expect(root.name == "GetHostedZoneResponse")
        #expect(root.attributes == ["version": "1"])
        #expect(root.find("VPCs", "VPC")?.string("VPCId") == "vpc-9")
    }

    @Test func errorDecoderReadsQueryError() {
        let body = """
        <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>\
        <Code>NoSuchEntity</Code><Message>The role with name ecsTaskExecutionRole cannot be found.</Message></Error>\
        <RequestId>req-1</RequestId></ErrorResponse>
        """
        let error = AWSErrorDecoder.decode(HTTPResponse(status: 404, body: Data(body.utf8)), service: .iam,
                                           operation: "GetRole", now: Date(timeIntervalSince1970: 0))

        #expect(error.code == "NoSuchEntity")
        #expect(error.message == "The role with name ecsTaskExecutionRole cannot be found.")
        #expect(error.requestID == "req-1")
    }

    // MARK: - Escapes

    @Test func predefinedEntitiesAndCharacterReferences() throws {
        let root = try decode("<a t=\"&quot;x&quot; &amp; &#x27;y&#39;\">&lt;b&gt; &amp; &apos;c&quot; &#233;&#xE9; &#x1F600;</a>")

        #expect(root.text == "<b> & 'c\" éé 😀")
        #expect(root.attributes["t"] == "\"x\" & 'y'")
    }

    @Test func cdataIsTextAndNotMarkup() throws {
        let root = try decode("<m>before <![CDATA[<not-a-tag> & ]] ]>]]> after</m>")

        #expect(root.text == "before <not-a-tag> & ]] ]> after")
        #expect(root.children.isEmpty)
    }

    @Test func commentsAndProcessingInstructionsAreSkipped() throws {
        let root = try decode("""
        <?xml version='1.0'?>
        <!-- head -->
        <?style sheet?>
        <r>a<!-- <x/> -->b<?note ignored?>c<empty/></r>
        <!-- tail -->
        """)

        #expect(root.text == "abc")
        #expect(root.children.map(\.name) == ["empty"])
    }

    @Test func lineBreaksAreNormalized() throws {
        let root = try decode("<r a=\"1\r\n2\">x\r\ny\rz</r>")

        #expect(root.text == "x\ny\nz")
        #expect(root.attributes["a"] == "1 2")
    }

    @Test func byteOrderMarkIsAllowed() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("<r>ok</r>".utf8))

        #expect(try XMLNode.decode(data).text == "ok")
    }

    // MARK: - Malformed input

    @Test func mismatchedEndTagNamesBothTags() {
        let error = failure("<ErrorResponse>\n  <Code>x</Message>\n</ErrorResponse>")

        #expect(error == XMLDecodeError(line: 2, column: 10, reason: "the end tag </Message> does not match <Code>"))
        #expect(error?.description == "malformed XML at line 2, column 10: the end tag </Message> does not match <Code>")
    }

    @Test(arguments: [
        ("", "the document is empty"),
        ("   ", "the document has no root element"),
        ("hello", "text appears before the root element"),
        ("<a>", "the document ends inside <a>"),
        ("<a><b></a>", "the end tag </a> does not match <b>"),
        ("<a></a><b/>", "content follows the end of the root element <a>"),
        ("<a>&nbsp;</a>", "the entity &nbsp; is not defined; only &lt; &gt; &amp; &apos; &quot; are"),
        ("<a>AT&T;</a>", "the entity &T; is not defined; only &lt; &gt; &amp; &apos; &quot; are"),
        ("<a>fish & chips</a>", "'&' does not start a reference such as &amp;; write a literal '&' as &amp;"),
        ("<a>&#0;</a>", "&#0; is not a character reference to an allowed character"),
        ("<a>&#xD800;</a>", "&#xD800; is not a character reference to an allowed character"),
        ("<a>&#x110000;</a>", "&#x110000; is not a character reference to an allowed character"),
        ("<a>&#99999999;</a>", "&#99999999; is not a character reference to an allowed character"),
        ("<a>&#;</a>", "&#; is not a character reference to an allowed character"),
        ("<a x=1/>", "expected a quoted attribute value"),
        ("<a x='1' x='2'/>", "the attribute x appears twice in <a>"),
        ("<a x='<'/>", "'<' appears in an attribute value; write it as &lt;"),
        ("<a x='1'y='2'/>", "expected a space, '>' or '/>' in the start tag <a>"),
        ("<a><![CDATA[open</a>", "the CDATA section is not closed with ']]>'"),
        ("<a><!-- open</a>", "the comment is not closed with '-->'"),
        ("<a>]]></a>", "']]>' appears in text outside a CDATA section"),
        ("<!DOCTYPE a [<!ENTITY e \"boom\">]><a>&e;</a>", "the document has a document type declaration, which is not read"),
        ("<a><!ENTITY e 'x'></a>", "a markup declaration appears inside <a>"),
        ("<?xml version='1.0' encoding='ISO-8859-1'?><a/>", "the document is declared in the encoding iso-8859-1; only UTF-8 is read"),
        ("<a><?xml version='1.0'?></a>", "an XML declaration appears after the start of the document"),
        ("<1a/>", "expected the name of an element"),
        ("<a>\u{1}</a>", "the character U+0001 is not allowed in XML"),
    ])
    func malformedInputRejected(text: String, reason: String) {
        #expect(failure(text)?.reason == reason)
    }

    @Test func invalidUTF8RejectedAtOffset() {
        let data = Data("<a>ok ".utf8) + Data([0xC3, 0x28]) + Data("</a>".utf8)

        #expect(throws: XMLDecodeError(line: 1, column: 7, reason: "the bytes are not valid UTF-8")) {
            try XMLNode.decode(data)
        }
    }

    @Test func deepNestingRejected() {
        let depth = XMLReader.maximumDepth
        let allowed = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let tooDeep = String(repeating: "<a>", count: 100_000)

        #expect(failure(allowed) == nil)
        #expect(failure(tooDeep)?.reason == "elements are nested deeper than \(depth) levels")
    }

    @Test func queryReportsWhereTheBodyIsMalformed() throws {
        let transport = AWSScriptedTransport(responses: [.success(HTTPResponse(status: 200, body: Data("<GetCallerIdentityResponse><Arn>".utf8)))])
        let environment = AWSEnvironment(variables: ["AWS_ENDPOINT_URL": "http://127.0.0.1:1"], homeDirectory: "/nonexistent")
        let endpoints = EndpointResolver(region: "us-west-2", environment: environment,
                                         shared: AWSSharedConfig(config: AWSConfigFile(kind: .config, path: "config"),
                                                                 credentials: AWSConfigFile(kind: .credentials, path: "credentials")),
                                         profile: nil)
        let client = AWSClient(region: "us-west-2", endpoints: endpoints,
                               credentials: .fixed(AWSCredentials(accessKeyID: "AKIA", secretAccessKey: "s", source: "test keys")),
                               runtime: AWSRuntime(transport: transport, now: { Date(timeIntervalSince1970: 0) }, sleep: { _ in }, random: { 1 }),
                               retryPolicy: RetryPolicy(maxAttempts: 1), profileName: "dev")

        let error = try #require(throws: AWSError.self) { try STSClient(client: client).getCallerIdentity() }

        #expect(error.code == "MalformedResponse")
        #expect(error.message == "the response body (32 bytes) could not be parsed (malformed XML at line 1, column 33: the document ends inside <Arn>)")
    }
}
