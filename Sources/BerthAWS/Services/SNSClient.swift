import Foundation

extension AWSService {
    /// Amazon SNS, for the topic the blueprint creates under `service_name`.
    public static let sns = AWSService(serviceID: "SNS", endpointPrefix: "sns", signingName: "sns", configKey: "sns",
                                       wireProtocol: .query(version: "2010-03-31"), isGlobal: false)
}

/// Amazon Simple Notification Service (query protocol).
public struct SNSClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Returns the ARN of every topic in the region, following `NextToken` across pages.
    public func listTopics() throws -> [String] {
        var arns: [String] = []
        var token: String?
        repeat {
            var parameters: [(String, String)] = []
            if let token { parameters.append(("NextToken", token)) }
            let root = try client.query(.sns, action: "ListTopics", parameters: parameters)
            let result = root.descendant("ListTopicsResult")
            arns += (result?.child("Topics")?.children("member") ?? []).compactMap { $0.string("TopicArn") }
            token = result?.string("NextToken").flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return arns
    }

    /// Returns the topic name at the end of a topic ARN.
    public static func topicName(fromARN arn: String) -> String {
        arn.split(separator: ":").last.map(String.init) ?? arn
    }
}
