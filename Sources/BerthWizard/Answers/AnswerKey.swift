import BerthHCL
import Foundation

/// One of Berth's own keys in an answers file. Blueprint variables (any name declared in the
/// folder's `.tf` files) are keys too and need no entry here.
///
/// A new screen makes itself answerable by adding entries to `all`: a field key whose `name`
/// is the field's id (or whose `field` names it), or an approval key whose `approves` lists the
/// ids of the actions it allows.
///
/// An approval key of kind `.choice([approve, planOnly])` approves every action in `approves`
/// with `"approve"`. With `"plan"` it approves every action but the last, and the run stops
/// there with exit status 0, so the last action is the one that changes the account.
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
    /// The screen actions this key allows (`create-role`, `apply`), in the order the screens
    /// offer them; empty for a field or setting.
    public var approves: [String]
    /// The id of the field this key fills when it differs from `name`, because field ids such
    /// as `state.bucket` are no HCL identifiers. Nil when the key is the field's id or no field.
    public var field: String?

    public init(name: String, kind: Kind, meaning: String, example: String, approves: [String] = [], field: String? = nil) {
        self.name = name
        self.kind = kind
        self.meaning = meaning
        self.example = example
        self.approves = approves
        self.field = field
    }

    /// The value of `apply` that approves the apply.
    public static let approve = "approve"
    /// The value of `apply` that stops after the plan.
    public static let planOnly = "plan"
    /// The value of `state_storage` that keeps the folder's state storage as it is.
    public static let localState = "local"
    /// The value of `state_storage` that writes an S3 backend file.
    public static let s3State = "s3"

    /// Every key Berth itself reads.
    public static let all: [AnswerKey] = [
        AnswerKey(name: "profile", kind: .text, meaning: "the AWS profile (as --profile)", example: "profile = \"deploy\""),
        AnswerKey(name: "region", kind: .text, meaning: "the deploy region (as --region)", example: "region = \"us-west-2\""),
        AnswerKey(name: "core_stack_name", kind: .text, meaning: "the name core-infra was deployed with", example: "core_stack_name = \"ecs-blueprint-infra\""),
        AnswerKey(name: "namespace", kind: .text, meaning: "the first label of the Cloud Map namespace", example: "namespace = \"default\""),
        AnswerKey(name: "create_codestar_role", kind: .bool, meaning: "whether to create the CodeStar Notifications service-linked role when it is missing",
                  example: "create_codestar_role = true", approves: ["create-role"]),
        AnswerKey(name: "github_token_secret_name", kind: .text, meaning: "the Secrets Manager secret that holds the GitHub token",
                  example: "github_token_secret_name = \"ecs-github-token\""),
        AnswerKey(name: "create_secret", kind: .bool, meaning: "whether to create the token secret when it is missing (the token comes from the terminal or --token-stdin)",
                  example: "create_secret = true", approves: ["create-secret"]),
        AnswerKey(name: "replace_secret_value", kind: .bool,
                  meaning: "whether to replace the value of an existing token secret that is not a plain-text token (JSON, binary, empty or another shape); the token comes from the terminal or --token-stdin",
                  example: "replace_secret_value = true", approves: ["replace-secret-value"]),
        AnswerKey(name: "restore_secret", kind: .bool, meaning: "whether to cancel a scheduled deletion of the token secret",
                  example: "restore_secret = true", approves: ["restore-secret"]),
        AnswerKey(name: "apply", kind: .choice([approve, planOnly]),
                  meaning: "whether to apply the plan (\"approve\") or stop after it (\"plan\")", example: "apply = \"approve\"", approves: ["apply"]),
        AnswerKey(name: "core_infra_folder", kind: .text, meaning: "the core-infra folder to deploy when none of core-infra exists (default ../core-infra, relative to the blueprint folder)",
                  example: "core_infra_folder = \"../core-infra\""),
        AnswerKey(name: "deploy_core_infra", kind: .choice([approve, planOnly]),
                  meaning: "whether to deploy core-infra when none of it exists: \"approve\" plans and applies it, \"plan\" stops after its plan",
                  example: "deploy_core_infra = \"approve\"", approves: ["core-infra.deploy", "core-infra.plan", "core-infra.apply"]),
        AnswerKey(name: "state_storage", kind: .choice([localState, s3State]),
                  meaning: "where Terraform keeps the state: \"local\" (the default) leaves the folder's state storage as it is, \"s3\" writes berth_backend.tf for the state_* keys",
                  example: "state_storage = \"s3\""),
        AnswerKey(name: "state_bucket", kind: .text, meaning: "the existing S3 bucket for the state (with state_storage = \"s3\")",
                  example: "state_bucket = \"team-terraform-state\"", field: "state.bucket"),
        AnswerKey(name: "state_key", kind: .text, meaning: "the state object's path in the bucket (default ecs-blueprints/<service_name>/terraform.tfstate)",
                  example: "state_key = \"ecs-blueprints/ecsdemo-backend/terraform.tfstate\"", field: "state.key"),
        AnswerKey(name: "state_region", kind: .text, meaning: "the bucket's region (default the deploy region)",
                  example: "state_region = \"us-west-2\"", field: "state.region"),
        AnswerKey(name: "state_lock_table", kind: .text, meaning: "a DynamoDB lock table whose partition key is LockID (default none: an S3 lock file)",
                  example: "state_lock_table = \"terraform-locks\"", field: "state.dynamodb_table"),
        AnswerKey(name: "write_state_backend", kind: .bool,
                  meaning: "whether to write berth_backend.tf and run terraform init, copying the local state to the bucket when there is one (with state_storage = \"s3\")",
                  example: "write_state_backend = true", approves: ["state.write", "state.migrate"]),
    ]

    /// The keys that only mean something with `state_storage = "s3"`.
    public static let s3StateKeys = ["state_bucket", "state_key", "state_region", "state_lock_table", "write_state_backend"]

    /// Returns the key named `name`, or nil.
    public static func named(_ name: String) -> AnswerKey? {
        all.first { $0.name == name }
    }

    /// Returns the key that approves the action `actionID`, or nil.
    public static func approving(_ actionID: String) -> AnswerKey? {
        all.first { $0.approves.contains(actionID) }
    }

    /// Returns the name of the key that fills the field `fieldID`: Berth's key for it, or the
    /// field's id itself (a blueprint variable or a key named after its field).
    public static func name(forField fieldID: String) -> String {
        all.first { $0.field == fieldID }?.name ?? fieldID
    }

    /// Returns whether `value` of this key allows `actionID`: `true` for a bool key, `"approve"`
    /// for a choice, or `"plan"` for any of `approves` but the last.
    public func allows(_ actionID: String, value: HCLValue) -> Bool {
        guard approves.contains(actionID) else { return false }
        switch value {
        case .bool(let flag): return kind == .bool && flag
        case .string(AnswerKey.approve): return true
        case .string(AnswerKey.planOnly): return actionID != approves.last
        default: return false
        }
    }
}
