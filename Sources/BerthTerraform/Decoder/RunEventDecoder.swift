import Foundation

/// Turns lines of `terraform … -json` output into `RunEvent`s. It never stops on a bad line:
/// non-JSON text becomes a cleaned log line, and unknown message types keep their `@message`.
public struct RunEventDecoder: Sendable {
    /// The maximum text kept from one message field, in UTF-8 bytes.
    public var maxTextBytes: Int

    public init(maxTextBytes: Int = 16 << 10) {
        self.maxTextBytes = maxTextBytes
    }

    /// Decodes one line; nil for a blank line or a line that is only frame characters.
    public func decode(_ line: Data) -> RunEvent? {
        let first = line.first(where: { $0 != 0x20 && $0 != 0x09 })
        if first == UInt8(ascii: "{"),
           let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] {
            return decode(object: object)
        }
        return plainLine(String(decoding: line, as: UTF8.self))
    }

    /// Decodes one line given as text.
    public func decode(_ line: String) -> RunEvent? {
        decode(Data(line.utf8))
    }

    /// Returns the event for a line that was too long to keep.
    public func overlongLine(byteCount: Int) -> RunEvent {
        .log(LogLine(message: "(a line of \(byteCount) bytes was skipped because it is too long to show)", level: "warn", source: .text))
    }

    private func plainLine(_ text: String) -> RunEvent? {
        let cleaned = TerminalText.cleanLine(text)
        guard !cleaned.isEmpty else { return nil }
        return .log(LogLine(message: cap(cleaned), source: .text))
    }

    private func decode(object: [String: Any]) -> RunEvent {
        let type = object["type"] as? String ?? ""
        let message = cap(object["@message"] as? String ?? "")
        let level = object["@level"] as? String ?? "info"

        switch type {
        case "version":
            return version(object, message: message)
        case "log":
            return .log(LogLine(message: message, level: level, source: .json))
        case "diagnostic":
            guard let payload = object["diagnostic"] as? [String: Any] else { break }
            return .diagnostic(diagnostic(payload, level: level))
        case "resource_drift", "planned_change":
            guard let change = object["change"] as? [String: Any], let address = address(change["resource"]) else { break }
            let value = ResourceChange(
                address: address,
                previousAddress: self.address(change["previous_resource"]),
                action: change["action"] as? String ?? "",
                reason: change["reason"] as? String
            )
            return type == "planned_change" ? .plannedChange(value) : .resourceDrift(value)
        case "change_summary":
            guard let changes = object["changes"] as? [String: Any] else { break }
            return .changeSummary(ChangeSummary(
                add: int(changes["add"]),
                change: int(changes["change"]),
                remove: int(changes["remove"]),
                importCount: int(changes["import"]),
                operation: changes["operation"] as? String ?? "",
                message: message
            ))
        case "outputs":
            guard let outputs = object["outputs"] as? [String: Any] else { break }
            return .outputs(outputValues(outputs))
        case "apply_start", "apply_progress", "apply_complete", "apply_errored":
            guard let hook = applyHook(object["hook"]) else { break }
            switch type {
            case "apply_start": return .applyStart(hook)
            case "apply_progress": return .applyProgress(hook)
            case "apply_complete": return .applyComplete(hook)
            default: return .applyErrored(hook)
            }
        case "provision_start", "provision_progress", "provision_complete", "provision_errored":
            guard let hook = object["hook"] as? [String: Any], let address = address(hook["resource"]) else { break }
            let value = ProvisionHook(
                address: address,
                provisioner: hook["provisioner"] as? String ?? "",
                output: (hook["output"] as? String).map { cap(TerminalText.stripEscapes($0)) }
            )
            switch type {
            case "provision_start": return .provisionStart(value)
            case "provision_progress": return .provisionProgress(value)
            case "provision_complete": return .provisionComplete(value)
            default: return .provisionErrored(value)
            }
        case "refresh_start", "refresh_complete":
            guard let hook = object["hook"] as? [String: Any], let address = address(hook["resource"]) else { break }
            let value = RefreshHook(address: address, idValue: hook["id_value"] as? String)
            return type == "refresh_start" ? .refreshStart(value) : .refreshComplete(value)
        case "init_output":
            return .initOutput(code: object["message_code"] as? String ?? "", message: message)
        default:
            break
        }
        return .unknown(type: type, message: message)
    }

    private func version(_ object: [String: Any], message: String) -> RunEvent {
        let ui = object["ui"] as? String ?? ""
        if let tofu = object["tofu"] as? String {
            return .version(engine: "OpenTofu", version: tofu, ui: ui)
        }
        return .version(engine: "Terraform", version: object["terraform"] as? String ?? "", ui: ui)
    }

    private func diagnostic(_ payload: [String: Any], level: String) -> Diagnostic {
        var range: SourceRange?
        if let rangeObject = payload["range"] as? [String: Any], let start = rangeObject["start"] as? [String: Any] {
            range = SourceRange(filename: rangeObject["filename"] as? String ?? "", line: int(start["line"]), column: int(start["column"]))
        }

        var snippet: Snippet?
        if let snippetObject = payload["snippet"] as? [String: Any] {
            snippet = Snippet(
                context: (snippetObject["context"] as? String).map(cap),
                code: cap(snippetObject["code"] as? String ?? ""),
                startLine: int(snippetObject["start_line"]),
                highlightStart: int(snippetObject["highlight_start_offset"]),
                highlightEnd: int(snippetObject["highlight_end_offset"])
            )
        }

        return Diagnostic(
            severity: payload["severity"] as? String ?? (level == "warn" ? "warning" : level),
            summary: cap(payload["summary"] as? String ?? ""),
            detail: cap(payload["detail"] as? String ?? ""),
            address: payload["address"] as? String,
            range: range,
            snippet: snippet
        )
    }

    private func applyHook(_ value: Any?) -> ApplyHook? {
        guard let hook = value as? [String: Any], let address = address(hook["resource"]) else { return nil }
        return ApplyHook(
            address: address,
            action: hook["action"] as? String ?? "",
            elapsedSeconds: (hook["elapsed_seconds"] as? NSNumber)?.doubleValue,
            idKey: hook["id_key"] as? String,
            idValue: (hook["id_value"] as? String).map(cap)
        )
    }

    private func outputValues(_ outputs: [String: Any]) -> [OutputValue] {
        outputs.keys.sorted().map { name in
            let entry = outputs[name] as? [String: Any] ?? [:]
            let sensitive = entry["sensitive"] as? Bool ?? false
            guard !sensitive else { return OutputValue(name: name, value: "(sensitive)", sensitive: true) }
            guard let value = entry["value"] else {
                return OutputValue(name: name, value: Self.placeholder(action: entry["action"] as? String), sensitive: false)
            }
            return OutputValue(name: name, value: cap(OutputValue.compactJSON(value)), sensitive: false)
        }
    }

    /// Stands in for an output value a plan's stream does not carry: a new or changed value is
    /// known after apply, and an unchanged one stays as the state has it.
    static func placeholder(action: String?) -> String {
        switch action {
        case "create", "update": return "(known after apply)"
        case "noop": return "(unchanged)"
        case "delete": return "(removed)"
        default: return "(unknown)"
        }
    }

    private func address(_ value: Any?) -> String? {
        (value as? [String: Any])?["addr"] as? String
    }

    private func int(_ value: Any?) -> Int {
        (value as? NSNumber)?.intValue ?? 0
    }

    /// Cuts `text` to `maxTextBytes` on a character boundary and notes how many bytes were left out.
    func cap(_ text: String) -> String {
        let length = text.utf8.count
        guard length > maxTextBytes else { return text }
        var kept = 0
        var end = text.startIndex
        for index in text.indices {
            let size = text[index].utf8.count
            if kept + size > maxTextBytes { break }
            kept += size
            end = text.index(after: index)
        }
        return String(text[..<end]) + " … (\(length - kept) more bytes)"
    }
}
