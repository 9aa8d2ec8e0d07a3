import BerthHCL
import Foundation

/// A core-infra blueprint folder the wizard can deploy, and the terraform.tfvars values it
/// needs so the service blueprint's look-ups find what it creates.
public struct CoreInfraFolder: Equatable, Sendable {
    /// One value Berth writes into the folder's terraform.tfvars.
    public struct Change: Equatable, Sendable {
        public var name: String
        /// The value as HCL, such as `"us-west-2"`.
        public var encoded: String
        /// The value the file had before as HCL, or nil when it was unset.
        public var previous: String?
    }

    /// The variables that tell core-infra apart from the service blueprints, which also declare
    /// `core_stack_name` and `aws_region`.
    public static let requiredVariables = ["core_stack_name", "aws_region", "vpc_cidr", "namespaces"]

    public let url: URL
    /// The default of the folder's `namespaces` variable.
    public let defaultNamespaces: [String]

    public var tfvarsURL: URL { url.appendingPathComponent("terraform.tfvars") }

    /// `../core-infra` beside the blueprint folder, where the blueprints repository keeps it.
    public static func defaultURL(nextTo blueprint: URL) -> URL {
        blueprint.deletingLastPathComponent().appendingPathComponent("core-infra", isDirectory: true).standardizedFileURL
    }

    /// Turns what the person typed into a folder URL: `~` is the home folder, and a relative
    /// path starts at the blueprint folder.
    public static func resolve(_ typed: String, blueprint: URL, homeDirectory: String?) -> URL {
        var path = typed.trimmingCharacters(in: .whitespaces)
        if path == "~" || path.hasPrefix("~/"), let homeDirectory {
            path = homeDirectory + path.dropFirst()
        }
        if path.hasPrefix("/") {
            return URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        }
        return blueprint.appendingPathComponent(path, isDirectory: true).standardizedFileURL
    }

    /// Opens `url` as a core-infra folder, or throws a `CoreInfraFolderError` saying why it is not one.
    public static func open(_ url: URL, blueprint: URL) throws -> CoreInfraFolder {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CoreInfraFolderError("There is no folder at \(path). \(CoreInfraFolderError.hint)")
        }
        guard url.standardizedFileURL.path != blueprint.standardizedFileURL.path else {
            throw CoreInfraFolderError("\(path) is the service blueprint's own folder, not core-infra. \(CoreInfraFolderError.hint)")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        guard names.contains(where: { $0.hasSuffix(".tf") }) else {
            throw CoreInfraFolderError("\(path) has no .tf files, so it contains no Terraform configuration. \(CoreInfraFolderError.hint)")
        }

        let declared: [VariableDeclaration]
        do {
            declared = try VariableCatalog.load(folder: url)
        } catch {
            throw CoreInfraFolderError("The .tf files in \(path) could not be read: \(error). Fix them, or choose another folder.")
        }
        let declaredNames = Set(declared.map(\.name))
        let missing = requiredVariables.filter { !declaredNames.contains($0) }
        guard missing.isEmpty else {
            let found = declared.isEmpty ? "declare no variables" : "do not declare \(missing.joined(separator: ", "))"
            throw CoreInfraFolderError(
                "\(path) is not core-infra: its .tf files \(found), and core-infra's variables.tf declares \(requiredVariables.joined(separator: ", ")). "
                    + "(A core-infra of the blueprints' current layout has no variables; deploy that one by hand with terraform init and apply.) "
                    + CoreInfraFolderError.hint
            )
        }
        var defaultNamespaces: [String] = []
        if case .tuple(let items)? = declared.first(where: { $0.name == "namespaces" })?.defaultValue {
            defaultNamespaces = items.compactMap(\.stringValue)
        }
        return CoreInfraFolder(url: url.standardizedFileURL, defaultNamespaces: defaultNamespaces)
    }

    /// Returns the values terraform.tfvars needs so the core-infra it creates carries the names the
    /// service blueprint looks up: `core_stack_name`, `aws_region`, and `namespace` among
    /// `namespaces`. Values the file already contains are not listed. When the file does not
    /// exist, it starts from terraform.tfvars.example and both names are listed, so it gets written.
    public func changes(coreStackName: String, region: String, namespace: String) throws -> [Change] {
        let document = try startingDocument()
        let creating = !FileManager.default.fileExists(atPath: tfvarsURL.path)
        var changes: [Change] = []
        for (name, value) in [("core_stack_name", coreStackName), ("aws_region", region)] {
            let current = document.value(of: name)
            if creating || current?.stringValue != value {
                // A value from terraform.tfvars.example was never in effect, so it is no previous value.
                changes.append(Change(name: name, encoded: ValueEncoder.quote(value, allowsHeredoc: false), previous: creating ? nil : current?.description))
            }
        }

        let current = document.value(of: "namespaces")
        let labels = try namespaces(including: namespace)
        if labels.count > currentNamespaces(document).count {
            let encoded = "[" + labels.map { ValueEncoder.quote($0, allowsHeredoc: false) }.joined(separator: ", ") + "]"
            changes.append(Change(name: "namespaces", encoded: encoded, previous: creating ? nil : current?.description))
        }
        return changes
    }

    /// Lists the first labels of the namespaces the apply creates: terraform.tfvars' `namespaces`
    /// (else the variable's default), with `namespace` added at the end when it is missing.
    public func namespaces(including namespace: String) throws -> [String] {
        let labels = currentNamespaces(try startingDocument())
        return labels.contains(namespace) ? labels : labels + [namespace]
    }

    private func currentNamespaces(_ document: TfvarsDocument) -> [String] {
        if case .tuple(let items)? = document.value(of: "namespaces") {
            return items.compactMap(\.stringValue)
        }
        return defaultNamespaces
    }

    /// Writes `changes` into terraform.tfvars, keeping every other line and comment (the previous
    /// file is kept as `terraform.tfvars.berth-backup`); returns the file written.
    @discardableResult
    public func write(_ changes: [Change]) throws -> URL {
        let document = try startingDocument()
        for change in changes {
            document.set(change.name, encoded: change.encoded, comment: nil)
        }
        try TfvarsFile.write(document, to: tfvarsURL)
        return tfvarsURL
    }

    /// terraform.tfvars, or the example when there is no terraform.tfvars yet.
    private func startingDocument() throws -> TfvarsDocument {
        let example = url.appendingPathComponent("terraform.tfvars.example")
        if !FileManager.default.fileExists(atPath: tfvarsURL.path), FileManager.default.fileExists(atPath: example.path) {
            return try TfvarsDocument(text: String(contentsOf: example, encoding: .utf8), fileName: "terraform.tfvars")
        }
        return try TfvarsFile.read(tfvarsURL)
    }
}

/// The reason a folder cannot be deployed as core-infra, worded for the person who typed it.
public struct CoreInfraFolderError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    static let hint = "Type the path of the core-infra blueprint folder; in the blueprints repository it sits next to backend-service."

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
