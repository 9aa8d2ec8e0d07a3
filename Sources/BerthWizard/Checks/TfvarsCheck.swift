import BerthHCL
import Foundation

/// terraform.tfvars against the folder's variable declarations: every required
/// variable set (a commented-out line is unset), values of the declared type,
/// no undeclared or repeated keys, and no token in the file.
public struct TfvarsCheck: Check {
    public let id = "tfvars"
    public let title = "terraform.tfvars"
    public let dependsOn: [String] = []

    public init() {}

    public func run(_ context: CheckContext) -> CheckResult {
        guard let files = context.files else {
            return unreadable(folder: context.settings.folder)
        }

        let specs: [VariableSpec]
        let values: [String: String]
        let duplicates: [String]
        do {
            specs = try files.variables()
            values = try files.currentValues()
            duplicates = try files.duplicateKeys()
        } catch {
            return .fail("\(error)", fix: "Fix the file at the position shown, then run the check again.")
        }

        var failures: [String] = []
        var warnings: [String] = []
        let declared = Dictionary(specs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

        let unset = specs.filter { $0.isRequired && (values[$0.name] ?? "").isEmpty }.map(\.name)
        if !unset.isEmpty {
            failures.append("required and unset: \(unset.joined(separator: ", "))")
        }
        for name in values.keys.sorted() {
            guard let spec = declared[name], let value = values[name] else { continue }
            if TokenPattern.looksLikeToken(value) {
                failures.append("\(name) holds what looks like a GitHub token")
            } else if case .failure(let problem) = files.encode(value, for: spec) {
                failures.append("\(name): \(problem.message)")
            }
        }
        if let cpu = values["cpu"].flatMap({ Int($0) }), let memory = values["memory"].flatMap({ Int($0) }),
           let problem = FargateSizes.problem(cpu: cpu, memory: memory) {
            failures.append(problem)
        }
        if !duplicates.isEmpty {
            failures.append("set more than once: \(duplicates.joined(separator: ", "))")
        }
        let invisible = InvisibleCharacters.problems(in: values)
        failures += invisible
        let upstreamOwner = values["repository_owner"]?.lowercased() == "aws-ia"
        if upstreamOwner {
            warnings.append("repository_owner is aws-ia, the upstream owner; the pipeline needs your own fork")
        }
        let undeclared = values.keys.filter { declared[$0] == nil }.sorted()
        if !undeclared.isEmpty {
            warnings.append("not declared in any .tf file: \(undeclared.joined(separator: ", "))")
        }

        var fixes: [String] = []
        if !unset.isEmpty || failures.count > invisible.count {
            fixes.append("Edit terraform.tfvars (or run `berth` to fill in the form): set every required variable on an uncommented line, once, with a value of its type.")
        }
        if !invisible.isEmpty {
            fixes.append("Retype the named values in terraform.tfvars without the invisible characters (an editor that shows them, or `cat -A terraform.tfvars`, finds them).")
        }
        if upstreamOwner {
            fixes.append("Set repository_owner to the owner of your fork.")
        }
        if !undeclared.isEmpty {
            fixes.append("Remove \(undeclared.joined(separator: ", ")), which the blueprint does not declare, or fix the spelling.")
        }
        if !failures.isEmpty {
            return .fail((failures + warnings).joined(separator: "; ") + ".", fix: fixes.joined(separator: " "))
        }
        if !warnings.isEmpty {
            return .warn(warnings.joined(separator: "; ") + ".", fix: fixes.joined(separator: " "))
        }
        return .pass("\(values.count) values set; all \(specs.filter(\.isRequired).count) required variables present")
    }

    /// Returns the failure for a folder whose files could not be opened, naming the file problem when there is one.
    private func unreadable(folder: URL) -> CheckResult {
        let files = HCLBlueprintFiles(folder: folder)
        do {
            _ = try files.variables()
            _ = try files.currentValues()
        } catch let problem as HCLParseError {
            let fix = problem.message.contains("UTF-8")
                ? "Re-save \((problem.file as NSString).lastPathComponent) as UTF-8, then run the check again."
                : "Fix the file at the position shown, then run the check again."
            return .fail("\(problem)", fix: fix)
        } catch {
            return .fail("The folder's .tf files could not be read: \(error)", fix: "Run Berth in the backend-service folder, or pass --folder PATH.")
        }
        return .fail("The folder's .tf files could not be read.", fix: "Run Berth in the backend-service folder, or pass --folder PATH.")
    }
}
