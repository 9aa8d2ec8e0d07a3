import Foundation

/// One of Berth's own keys in an answers file. Blueprint variables (any name declared in the
/// folder's `.tf` files) are keys too and need no entry here.
///
/// A new screen makes itself answerable by adding entries to `all`: a field key whose `name`
/// is the field's id, or an approval key whose `approves` is the id of the action it allows.
public struct AnswerKey: Sendable, Equatable {
    /// The value a key takes.
    public enum Kind: Sendable, Equatable {
        case text
        case bool
        /// One of the listed strings.
        case choice([String])
    }

    public var name: String
    public var kind: Kind
    /// What the key answers, for error messages and the documentation.
    public var meaning: String
    /// A line to add to the file, such as `create_secret = true`.
    public var example: String
    /// The screen action this key allows (`create-role`, `apply`), or nil for a field or setting.
    public var approves: String?

    public init(name: String, kind: Kind, meaning: String, example: String, approves: String? = nil) {
        self.name = name
        self.kind = kind
        self.meaning = meaning
        self.example = example
        self.approves = approves
    }

    /// The value of `apply` that approves the apply.
    public static let approve = "approve"
    /// The value of `apply` that stops after the plan.
    public static let planOnly = "plan"

    /// Every key Berth itself reads.
    public static let all: [AnswerKey] = [
        AnswerKey(name: "profile", kind: .text, meaning: "the AWS profile (as --profile)", example: "profile = \"deploy\""),
        AnswerKey(name: "region", kind: .text, meaning: "the deploy region (as --region)", example: "region = \"us-west-2\""),
        AnswerKey(name: "core_stack_name", kind: .text, meaning: "the name core-infra was deployed with", example: "core_stack_name = \"ecs-blueprint-infra\""),
        AnswerKey(name: "namespace", kind: .text, meaning: "the first label of the Cloud Map namespace", example: "namespace = \"default\""),
        AnswerKey(name: "create_codestar_role", kind: .bool, meaning: "whether to create the CodeStar Notifications service-linked role when it is missing",
                  example: "create_codestar_role = true", approves: "create-role"),
        AnswerKey(name: "github_token_secret_name", kind: .text, meaning: "the Secrets Manager secret that holds the GitHub token",
                  example: "github_token_secret_name = \"ecs-github-token\""),
        AnswerKey(name: "create_secret", kind: .bool, meaning: "whether to create the token secret when it is missing (the token comes from the terminal or --token-stdin)",
                  example: "create_secret = true", approves: "create-secret"),
        AnswerKey(name: "restore_secret", kind: .bool, meaning: "whether to cancel a scheduled deletion of the token secret",
                  example: "restore_secret = true", approves: "restore-secret"),
        AnswerKey(name: "apply", kind: .choice([approve, planOnly]),
                  meaning: "whether to apply the plan (\"approve\") or stop after it (\"plan\")", example: "apply = \"approve\"", approves: "apply"),
    ]

    /// Returns the key named `name`, or nil.
    public static func named(_ name: String) -> AnswerKey? {
        all.first { $0.name == name }
    }

    /// Returns the key that approves the action `actionID`, or nil.
    public static func approving(_ actionID: String) -> AnswerKey? {
        all.first { $0.approves == actionID }
    }
}
