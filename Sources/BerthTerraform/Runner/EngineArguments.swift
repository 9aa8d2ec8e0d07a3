/// The arguments and environment Berth gives every engine run, so no run waits on a prompt.
public enum EngineArguments {
    /// Subcommands that accept `-input=false`.
    static let inputSubcommands: Set<String> = ["apply", "destroy", "import", "init", "plan", "refresh"]

    /// Subcommands that accept `-no-color` (every command that parses the common flags).
    static let colorSubcommands: Set<String> = [
        "apply", "console", "destroy", "force-unlock", "get", "import", "init", "output", "plan",
        "providers", "refresh", "show", "state", "taint", "untaint", "validate", "workspace",
    ]

    /// Commands whose flags follow a second word, as in `state list -no-color`.
    static let nestedSubcommands: Set<String> = ["providers", "state", "workspace"]

    /// Inserts `-input=false` and `-no-color` right after the subcommand where it accepts them
    /// and the caller did not pass them already. Global options such as `-chdir=DIR` may come
    /// before the subcommand.
    public static func prepare(_ arguments: [String]) -> [String] {
        guard let index = arguments.firstIndex(where: { !$0.hasPrefix("-") }) else { return arguments }
        let subcommand = arguments[index]
        var added: [String] = []
        if inputSubcommands.contains(subcommand), !arguments.contains(where: { $0.hasPrefix("-input") }) {
            added.append("-input=false")
        }
        if colorSubcommands.contains(subcommand), !arguments.contains("-no-color") {
            added.append("-no-color")
        }

        var position = index + 1
        if nestedSubcommands.contains(subcommand), position < arguments.count, !arguments[position].hasPrefix("-") {
            position += 1
        }
        var result = arguments
        result.insert(contentsOf: added, at: position)
        return result
    }

    /// Returns the child's environment: `base` unchanged (`AWS_PROFILE`, `AWS_REGION`, `TF_CLI_ARGS*`,
    /// `TF_DATA_DIR`, `TF_PLUGIN_CACHE_DIR` pass through), plus `TF_IN_AUTOMATION=1` and
    /// `TF_INPUT=0` so that no command prompts.
    public static func environment(_ base: [String: String]) -> [String: String] {
        var result = base
        result["TF_IN_AUTOMATION"] = "1"
        result["TF_INPUT"] = "0"
        return result
    }
}
