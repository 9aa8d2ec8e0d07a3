import BerthAWS
import Foundation
import Testing

@Suite struct SigV4SignerTests {
    @Test func sotoGoldenVectorForSNS() {
        let credentials = AWSCredentials(accessKeyID: "MYACCESSKEY", secretAccessKey: "MYSECRETACCESSKEY")
        let signer = SigV4Signer(credentials: credentials, region: "eu-west-1", service: "sns",
                                 options: .init(addsContentSHA256Header: true))
        let request = HTTPRequest(method: "POST", url: URL(string: "https://sns.eu-west-1.amazonaws.com/")!,
                                  headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]),
                                  body: Data("Action=ListTopics&Version=2010-03-31".utf8))
        let (signed, steps) = signer.signWithSteps(request, date: Date(timeIntervalSince1970: 978_307_400))

        #expect(signed.headers["X-Amz-Date"] == "20010101T000320Z")
        #expect(signed.headers["X-Amz-Content-Sha256"] == "55e772bd3d832d8507965af84ab07fd17d9be3cbb788151ceb0d7fc2be442a54")
        #expect(steps.signedHeaders == "content-type;host;x-amz-content-sha256;x-amz-date")
        #expect(steps.signature == "1d29943055a8ad094239e8de06082100f2426ebbb2c6a5bbcbb04c63e6a3f274")
    }

    @Test func getVanillaIntermediateValues() {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "service")
        let request = HTTPRequest(method: "GET", host: "example.amazonaws.com")
        let (_, steps) = signer.signWithSteps(request, date: Date(timeIntervalSince1970: 1_440_938_160))

        #expect(steps.stringToSign.hasSuffix("bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"))
        #expect(steps.signature == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    @Test func hostHeaderKeepsNonDefaultPort() {
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret")
        let signer = SigV4Signer(credentials: credentials, region: "us-west-2", service: "sts")
        let request = HTTPRequest(method: "POST", url: URL(string: "http://127.0.0.1:5123/")!)
        let signed = signer.sign(request, date: Date(timeIntervalSince1970: 0))

        #expect(signed.headers["Host"] == "127.0.0.1:5123")
        #expect(signed.headers["Authorization"]?.contains("Credential=AKID/19700101/us-west-2/sts/aws4_request") == true)
    }

    @Test func credentialsDescriptionHidesSecrets() {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "TOPSECRETVALUE", sessionToken: "TOKENVALUE")
        #expect(!"\(credentials)".contains("TOPSECRETVALUE"))
        #expect(!"\(credentials)".contains("TOKENVALUE"))
        #expect(!String(reflecting: credentials).contains("TOPSECRETVALUE"))
    }
}
