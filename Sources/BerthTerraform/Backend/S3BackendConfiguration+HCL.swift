import Foundation

extension S3BackendConfiguration {
    /// Renders the backend file: a comment naming Berth, then
    /// `terraform { backend "s3" { ... } }`, laid out as `terraform fmt` would.
    ///
    /// The settings for storage other than AWS S3 (`endpoints`, `use_path_style` and the
    /// `skip_*` checks) appear only when `endpoint` is set.
    public func backendFileContents() -> String {
        var main: [(String, String)] = [
            ("bucket", Self.quoted(bucket)),
            ("key", Self.quoted(key)),
            ("region", Self.quoted(region)),
            ("encrypt", encrypt ? "true" : "false"),
        ]
        switch locking {
        case .lockfile:
            main.append(("use_lockfile", "true"))
        case let .dynamoDBTable(table):
            main.append(("dynamodb_table", Self.quoted(table)))
        }

        var groups = [Self.aligned(main, indent: "    ")]
        if let endpoint {
            var services = [("s3", Self.quoted(endpoint.url.absoluteString))]
            if case .dynamoDBTable = locking {
                services.append(("dynamodb", Self.quoted(endpoint.url.absoluteString)))
            }
            groups.append(["    endpoints = {"] + Self.aligned(services, indent: "      ") + ["    }"])
            // Storage other than AWS has no STS, no account id and no instance metadata
            // service, so Terraform must not call them.
            groups.append(Self.aligned([
                ("use_path_style", endpoint.usePathStyle ? "true" : "false"),
                ("skip_credentials_validation", "true"),
                ("skip_requesting_account_id", "true"),
                ("skip_metadata_api_check", "true"),
            ], indent: "    "))
        }

        let body = groups.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
        return """
        # Written by Berth: this blueprint keeps its Terraform state in Amazon S3.
        # Berth rewrites this file when you change the remote state settings in Berth.
        terraform {
          backend "s3" {
        \(body)
          }
        }

        """
    }

    /// Aligns the `=` signs of consecutive attributes, as `terraform fmt` does.
    private static func aligned(_ attributes: [(String, String)], indent: String) -> [String] {
        let width = attributes.map(\.0.count).max() ?? 0
        return attributes.map { name, value in
            indent + name.padding(toLength: width, withPad: " ", startingAt: 0) + " = " + value
        }
    }

    /// Returns `text` as an HCL string literal, so that quotes, backslashes, line breaks and
    /// template sequences (`${`, `%{`) in a key stay literal.
    static func quoted(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\r\n": escaped += "\\r\\n"
            case "\t": escaped += "\\t"
            default: escaped.append(character)
            }
        }
        escaped = escaped
            .replacingOccurrences(of: "${", with: "$${")
            .replacingOccurrences(of: "%{", with: "%%{")
        return "\"" + escaped + "\""
    }
}
