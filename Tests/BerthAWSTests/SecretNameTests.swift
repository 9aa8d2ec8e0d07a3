import BerthAWS
import BerthTestSupport
import Foundation
import Testing

@Suite struct SecretNameTests {
    @Test func partialARNWithSuffixLikeEnding() {
        let candidates = SecretsManagerClient.nameCandidates(from: "arn:aws:secretsmanager:us-west-2:123456789012:secret:gh-token-master")

        #expect(candidates == ["gh-token", "gh-token-master"])
    }

    @Test func fullARNAndPlainName() {
        #expect(SecretsManagerClient.nameCandidates(from: "arn:aws:secretsmanager:us-west-2:1:secret:ecs-github-token-AbCdEf")
            == ["ecs-github-token", "ecs-github-token-AbCdEf"])
        #expect(SecretsManagerClient.nameCandidates(from: "arn:aws:secretsmanager:us-west-2:1:secret:token") == ["token"])
        #expect(SecretsManagerClient.nameCandidates(from: "ecs-github-token") == ["ecs-github-token"])
    }

    @Test func nameCharacters() {
        #expect(SecretsManagerClient.isValidName("team/ecs_github+token=1.x@y-z"))
        #expect(!SecretsManagerClient.isValidName("has space"))
        #expect(!SecretsManagerClient.isValidName("émoji"))
        #expect(!SecretsManagerClient.isValidName(""))
    }

    @Test func requestDescriptionHidesHeadersAndBody() {
        var request = HTTPRequest(method: "POST", host: "secretsmanager.us-west-2.amazonaws.com", body: Data(#"{"SecretString":"ghp_secret"}"#.utf8))
        request.headers.set("X-Amz-Security-Token", "session-token-value")
        let text = "\(request)"

        #expect(!text.contains("ghp_secret"))
        #expect(!text.contains("session-token-value"))
        #expect(text.contains("X-Amz-Security-Token"))
    }

    @Test func secretInAnotherRegion() throws {
        let fixture = try EmulatorFixture.get()
        let name = EmulatorFixture.unique("east-only")
        _ = try SecretsManagerClient(client: fixture.client.inRegion("us-east-1")).createSecret(name: name, secretString: "v")

        #expect(throws: AWSError.self) { try SecretsManagerClient(client: fixture.client).describeSecret(id: name) }
        #expect(try SecretsManagerClient(client: fixture.client.inRegion("us-east-1")).listSecrets(nameFilter: name).map(\.name) == [name])
    }
}
