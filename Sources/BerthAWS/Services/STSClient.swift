import Foundation

/// The caller behind a set of credentials.
public struct CallerIdentity: Sendable, Equatable {
    /// The 12-digit account id.
    public var account: String
    /// The ARN of the user or assumed role.
    public var arn: String
    /// The unique id of the caller.
    public var userID: String

    /// Creates a value, as the service would return it.
    public init(account: String, arn: String, userID: String) {
        self.account = account
        self.arn = arn
        self.userID = userID
    }
}

/// AWS Security Token Service (query protocol).
public struct STSClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Returns who the credentials belong to.
    public func getCallerIdentity() throws -> CallerIdentity {
        let root = try client.query(.sts, action: "GetCallerIdentity")
        let result = root.descendant("GetCallerIdentityResult")
        return CallerIdentity(account: result?.string("Account") ?? "", arn: result?.string("Arn") ?? "",
                              userID: result?.string("UserId") ?? "")
    }

    /// Returns temporary credentials for `roleARN`.
    public func assumeRole(roleARN: String, sessionName: String, externalID: String? = nil,
                           durationSeconds: Int? = nil) throws -> AWSCredentials {
        var parameters = [("RoleArn", roleARN), ("RoleSessionName", sessionName)]
        if let externalID { parameters.append(("ExternalId", externalID)) }
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        let root = try client.query(.sts, action: "AssumeRole", parameters: parameters)
        return try credentials(in: root, operation: "AssumeRole", source: "assumed role \(roleARN)")
    }

    /// Exchanges a web identity token for temporary credentials; the call is not signed.
    public func assumeRoleWithWebIdentity(roleARN: String, sessionName: String, token: String) throws -> AWSCredentials {
        let root = try client.query(.sts, action: "AssumeRoleWithWebIdentity",
                                    parameters: [("RoleArn", roleARN), ("RoleSessionName", sessionName),
                                                 ("WebIdentityToken", token)],
                                    isSigned: false)
        return try credentials(in: root, operation: "AssumeRoleWithWebIdentity", source: "web identity \(roleARN)")
    }

    private func credentials(in root: XMLNode, operation: String, source: String) throws -> AWSCredentials {
        guard let node = root.descendant("Credentials"),
              let keyID = node.string("AccessKeyId"), let secret = node.string("SecretAccessKey") else {
            throw AWSError(kind: .serviceFailure, code: "MalformedResponse", message: "the response has no Credentials element",
                           status: 200, service: "STS", operation: operation)
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: node.string("SessionToken"),
                              expiration: node.string("Expiration").flatMap(ISO8601.parse), source: source)
    }
}
