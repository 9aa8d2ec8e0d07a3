import BerthAWS
import Foundation

/// The pipeline's GitHub source works: `repository_owner` is the person's
/// fork (not aws-ia), the token from the secret can see the repository, and
/// the buildspec exists on the branch. The token is read into memory for the
/// two requests and never shown, logged or stored.
public struct GitHubCheck: Check {
    public let id = "preflight.github"
    public let title = "GitHub fork, token and buildspec"
    public let dependsOn = ["identity"]

    private let transport: HTTPTransport?

    /// `transport` nil uses libcurl.
    public init(transport: HTTPTransport? = nil) {
        self.transport = transport
    }

    public func run(_ context: CheckContext) -> CheckResult {
        guard let values = PreflightValues(files: context.files) else { return PreflightWording.noFiles }
        guard let owner = values.value("repository_owner") else {
            return .unknown("repository_owner is not set.", fix: "Set repository_owner in terraform.tfvars to the GitHub user or organisation that owns your fork.")
        }
        let name = values.value("repository_name") ?? "ecs-blueprints"
        let branch = values.value("repository_branch") ?? "main"
        let buildspec = values.value("buildspec_path") ?? "./application-code/ecsdemo-nodejs/templates/buildspec.yml"
        let named = ["repository_owner": owner, "repository_name": name, "repository_branch": branch, "buildspec_path": buildspec]
        if let problem = InvisibleCharacters.problems(in: named).first {
            return .fail("\(problem), so GitHub would be asked for a name other than the one shown.",
                         fix: "Retype the value in terraform.tfvars without the invisible character, then run the check again.")
        }
        let repository = "\(owner)/\(name)"
        var warnings: [String] = []
        if owner.lowercased() == "aws-ia" {
            warnings.append("repository_owner is aws-ia, the upstream project; you need your own fork for CodePipeline")
        }
        let manual = "Check by hand: \(repository) exists and the token's user can read it; \(buildspec) exists on branch \(branch); a classic token has the repo scope."

        let client: GitHubClient
        do {
            client = try transport.map { try GitHubClient(base: context.settings.gitHubAPIURL, transport: $0) }
                ?? GitHubClient(base: context.settings.gitHubAPIURL)
        } catch {
            return .unknown("\(error)", fix: "Set GITHUB_API_URL to your GitHub API (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise). " + manual)
        }
        let token: String
        switch readToken(context) {
        case .success(let value): token = value
        case .failure(let reason): return .unknown(reason.description, fix: "Fix \"GitHub token secret\" first. " + manual)
        }

        let host = client.baseURL.host ?? "the GitHub API"
        do {
            let repo = try client.repository(owner: owner, name: name, token: token)
            if let stop = verdict(repo.status, subject: "the repository \(repository)", host: host, manual: manual, warnings: warnings) {
                return stop
            }
            if let scopes = repo.scopes, !scopes.contains("repo") {
                let listed = scopes.isEmpty ? "no scopes" : "scopes \(scopes.joined(separator: ", "))"
                warnings.append("the classic token has \(listed), not repo, which CodePipeline's GitHub source needs")
            }

            let file = try client.contents(owner: owner, name: name, path: buildspec, ref: branch, token: token)
            if file.status == 404 {
                return .fail(
                    "\(repository) exists, but \(buildspec) is not on branch \(branch) (GitHub answered 404).",
                    fix: "Set repository_branch to the branch that holds the buildspec, or set buildspec_path to its path in your fork; the build reads it from GitHub, not from this folder."
                )
            }
            if let stop = verdict(file.status, subject: "\(buildspec) on \(branch)", host: host, manual: manual, warnings: warnings) {
                return stop
            }
        } catch {
            return .unknown(
                "The GitHub API at \(host) could not be reached: \(error).",
                fix: manual
            )
        }

        if !warnings.isEmpty {
            return .warn(
                "\(repository) and \(buildspec) on \(branch) are readable with the token, but " + warnings.joined(separator: "; ") + ".",
                fix: "Fork aws-ia/ecs-blueprints to your account and set repository_owner to it; give a classic token the repo scope (or use a fine-grained token with read access to contents)."
            )
        }
        return .pass("\(repository) and \(buildspec) on \(branch) are readable with the token.")
    }

    /// Returns the result for a status other than 2xx, or nil when the check goes on.
    private func verdict(_ status: Int, subject: String, host: String, manual: String, warnings: [String]) -> CheckResult? {
        switch status {
        case 200..<300:
            return nil
        case 401:
            return .fail(
                "GitHub (\(host)) rejected the token with 401: it is invalid, revoked or expired.",
                fix: "Create a new token for your GitHub user and store it: `aws secretsmanager put-secret-value --secret-id <secret> --secret-string <token>`."
            )
        case 404:
            var evidence = "GitHub (\(host)) answered 404 for \(subject): the fork does not exist, or the token cannot see it."
            if !warnings.isEmpty { evidence += " Also: " + warnings.joined(separator: "; ") + "." }
            return .fail(evidence, fix: "Fork aws-ia/ecs-blueprints, set repository_owner and repository_name to your fork, and give the token read access to it.")
        default:
            return .unknown("GitHub (\(host)) answered \(status) for \(subject), such as a rate limit or an outage.", fix: "Run the check again later. " + manual)
        }
    }

    private func readToken(_ context: CheckContext) -> Result<String, GitHubClientError> {
        guard let services = context.account.services else {
            return .failure(GitHubClientError("No AWS account to read the token secret from."))
        }
        guard let name = try? SecretName(parsing: context.settings.secretName) else {
            return .failure(GitHubClientError("The secret name \"\(context.settings.secretName)\" is not valid."))
        }
        do {
            guard case .string(let text) = try services.secretPayload(id: name.name) else {
                return .failure(GitHubClientError("The secret \(name.name) does not hold a string."))
            }
            guard !text.isEmpty, text.first.map({ !"{[\"".contains($0) }) == true, text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
                return .failure(GitHubClientError("The secret \(name.name) does not hold a bare token (it has spaces, line breaks or JSON)."))
            }
            return .success(text)
        } catch {
            return .failure(GitHubClientError("The secret \(name.name) could not be read (\(error))."))
        }
    }
}
