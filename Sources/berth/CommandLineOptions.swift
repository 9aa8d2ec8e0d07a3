import Foundation

/// The command and options from the command line.
struct CommandLineOptions: Equatable {
    enum Command: String, Equatable {
        case onboard
        case redeploy
        case check
        case view
        case help
        case version
    }

    var command: Command = .onboard
    var viewFile: String?
    var profile: String?
    var region: String?
    var enginePath: String?
    var plain = false
    var folder: String?
    var logFile: String?
    /// Lets plain mode without a terminal approve the apply.
    var assumeYes = false
    /// `berth check --deployed`: also verify the deployed service.
    var deployed = false
    /// Seconds `--deployed` waits for the service, from `--timeout`.
    var deployedTimeout: Double = 600
    /// `berth check` only: `--json`, `--only ID`, `--skip ID`, `--strict`.
    var checklist = ChecklistFlags()
    /// `--answers FILE`: run unattended from the answers in FILE.
    var answersFile: String?
    /// `--token-stdin`: with `--answers`, read the GitHub token from stdin.
    var tokenFromStdin = false
}

/// The `berth check` flags; `--only` and `--skip` repeat.
struct ChecklistFlags: Equatable {
    var json = false
    var strict = false
    var only: [String] = []
    var skip: [String] = []

    var isEmpty: Bool { self == ChecklistFlags() }
}

/// A command line Berth cannot run; exit status 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

extension CommandLineOptions {
    static let usage = """
    Usage: berth [onboard | redeploy | check | view FILE] [options]

    Deploys the ECS Blueprints backend service from its folder: checks the AWS
    account, writes terraform.tfvars and runs Terraform init, plan and apply.

    Commands:
      onboard          the step-by-step wizard (the default)
      redeploy         re-check everything, then plan and apply with the existing terraform.tfvars
      check            run every check once, print one line each, exit 1 if any fails;
                       with --deployed, also wait for the deployed service to run its
                       desired count and register in Cloud Map (--timeout SECONDS, default 600)
      view FILE        show a saved Terraform -json stream, such as .berth/runs/*.jsonl, in the
                       run panes (with --plain or without a terminal: a text summary)

    Options:
      --profile NAME   AWS profile to use (default: AWS_PROFILE, then the default chain)
      --region NAME    deploy region, such as us-west-2 (default: terraform.tfvars
                       aws_region, then AWS_REGION, AWS_DEFAULT_REGION, the profile)
      --engine PATH    terraform or tofu executable (default: terraform, then tofu, on PATH)
      --folder PATH    the backend-service folder (default: the current folder)
      --plain          line prompts instead of the full-screen interface
      --yes            in plain mode without a terminal, approve the apply; without it,
                       piped input never approves an apply
      --answers FILE   (onboard, redeploy) run unattended from the key = value answers in
                       FILE, printing plain lines; applies only with apply = "approve" in
                       FILE (see sandbox/answers.example)
      --token-stdin    (with --answers) read the GitHub token for a new secret from stdin;
                       without it, Berth asks on the terminal
      --log FILE       write Berth's own log to FILE (never secrets)
      --json           (check) print one JSON document instead of lines (docs/check-json.md)
      --only ID        (check) run only this check and what it depends on; repeatable
      --skip ID        (check) leave this check out; checks that depend on it are unknown
      --strict         (check) count warnings as failures
      -h, --help       show this help
      --version        show the version

    Exit status: 0 done, 1 a check or Terraform run failed, 2 usage or configuration error.
    """

    /// Parses `arguments` (without the program name).
    static func parse(_ arguments: [String]) throws -> CommandLineOptions {
        var options = CommandLineOptions()
        var commandSeen = false
        var index = 0

        func value(for flag: String) throws -> String {
            index += 1
            guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                throw UsageError(description: "\(flag) needs a value; see `berth --help`.")
            }
            return arguments[index]
        }

        while index < arguments.count {
            let argument = arguments[index]
            var flag = argument
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                flag = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            func take() throws -> String {
                if let inline { return inline }
                return try value(for: flag)
            }
            switch flag {
            case "-h", "--help", "help":
                options.command = .help
            case "--version", "version":
                options.command = .version
            case "--profile": options.profile = try take()
            case "--region": options.region = try take()
            case "--engine": options.enginePath = try take()
            case "--folder": options.folder = try take()
            case "--log": options.logFile = try take()
            case "--plain": options.plain = true
            case "--yes", "-y": options.assumeYes = true
            case "--answers": options.answersFile = try take()
            case "--token-stdin": options.tokenFromStdin = true
            case "--deployed": options.deployed = true
            case "--timeout":
                let text = try take()
                guard let seconds = Double(text), seconds >= 0 else {
                    throw UsageError(description: "--timeout \"\(text)\" is not a number of seconds; use one such as 600.")
                }
                options.deployedTimeout = seconds
            case "--json": options.checklist.json = true
            case "--strict": options.checklist.strict = true
            case "--only": options.checklist.only.append(try take())
            case "--skip": options.checklist.skip.append(try take())
            case "onboard", "redeploy", "check", "view":
                guard !commandSeen else {
                    throw UsageError(description: "Only one command may be given, but \"\(argument)\" follows another; see `berth --help`.")
                }
                commandSeen = true
                options.command = Command(rawValue: argument) ?? .onboard
            default:
                if options.command == .view && options.viewFile == nil && !argument.hasPrefix("-") {
                    options.viewFile = argument
                    break
                }
                if argument.hasPrefix("-") {
                    throw UsageError(description: "Unknown option \"\(argument)\"; see `berth --help`.")
                }
                throw UsageError(description: "Unknown command \"\(argument)\"; use onboard, redeploy, check or view FILE (see `berth --help`).")
            }
            index += 1
        }
        if options.deployed && options.command != .check {
            throw UsageError(description: "--deployed applies only to `berth check`; run `berth check --deployed`.")
        }
        if options.command == .view && options.viewFile == nil {
            throw UsageError(description: "berth view needs a FILE, such as .berth/runs/<time>-apply.jsonl.")
        }
        if options.command != .check && options.command != .help && options.command != .version && !options.checklist.isEmpty {
            throw UsageError(description: "--json, --only, --skip and --strict apply only to `berth check`.")
        }
        if let region = options.region, !isRegionName(region) {
            throw UsageError(description: "--region \"\(region)\" is not a region name; use one such as us-west-2 (not an availability zone such as us-west-2a).")
        }
        try checkAnswersFlags(options)
        return options
    }

    /// Returns whether `text` is shaped like a region name, such as us-west-2.
    static func isRegionName(_ text: String) -> Bool {
        text.range(of: #"^[a-z]{2}(-gov)?-[a-z]+-\d$"#, options: .regularExpression) != nil
    }

    private static func checkAnswersFlags(_ options: CommandLineOptions) throws {
        if options.tokenFromStdin && options.answersFile == nil {
            throw UsageError(description: "--token-stdin works only with --answers FILE; in the wizard, type the token into its hidden field.")
        }
        guard options.answersFile != nil else { return }
        if options.command != .onboard && options.command != .redeploy && options.command != .help && options.command != .version {
            throw UsageError(description: "--answers applies to onboarding and `berth redeploy`, not to `berth \(options.command.rawValue)`.")
        }
        if options.assumeYes {
            throw UsageError(description: "--yes cannot be combined with --answers; approve the apply with apply = \"approve\" in the answers file.")
        }
    }
}
