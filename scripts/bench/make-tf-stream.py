#!/usr/bin/env python3
"""Write a synthetic `terraform apply -json` stream of LINES lines to PATH.

The mix follows a real apply: a version line, planned_change lines, then per resource
apply_start, provisioner output, apply_progress and apply_complete, with a few errored
resources and their diagnostics, then change_summary and outputs. Deterministic.

usage: make-tf-stream.py PATH [LINES] [RESOURCES]

Without RESOURCES, each resource writes about 21 lines; with it, the provisioner output per
resource grows or shrinks so that RESOURCES resources fill LINES lines.
"""
import json
import sys


def envelope(message_type, message, level="info", **payload):
    line = {
        "@level": level,
        "@message": message,
        "@module": "terraform.ui",
        "@timestamp": "2026-01-01T10:00:00.000000Z",
        "type": message_type,
    }
    line.update(payload)
    return json.dumps(line, separators=(",", ":"))


def resource(address):
    return {
        "addr": address,
        "module": "",
        "resource": address,
        "implied_provider": "terraform",
        "resource_type": "terraform_data",
        "resource_name": address.split(".")[1].split("[")[0],
        "resource_key": None,
    }


def main():
    path = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    # Each resource writes a planned_change, a start, the provisioner lines, 2 progress lines and
    # a complete line: 15 provisioner lines unless RESOURCES sets the count.
    if len(sys.argv) > 3:
        count = max(1, int(sys.argv[3]))
        provisioner_lines = max(0, (total - 4) // count - 5)
    else:
        count = max(1, (total - 4) // 21)
        provisioner_lines = 15
    addresses = [f"terraform_data.item[{index}]" for index in range(count)]
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        def emit(text):
            nonlocal written
            if written < total:
                out.write(text + "\n")
                written += 1

        emit(envelope("version", "Terraform 1.15.5", terraform="1.15.5", ui="1.3"))
        for address in addresses:
            emit(envelope("planned_change", f"{address}: Plan to create",
                          change={"resource": resource(address), "action": "create"}))
        for index, address in enumerate(addresses):
            hook = {"resource": resource(address), "action": "create"}
            emit(envelope("apply_start", f"{address}: Creating...", hook=hook))
            for step in range(provisioner_lines):
                output = f"step {step} of {provisioner_lines} for {address}: copying artefacts to the target"
                emit(envelope("provision_progress", f"{address}: (local-exec): {output}",
                              hook={"resource": resource(address), "provisioner": "local-exec", "output": output}))
            for seconds in (10, 20):
                emit(envelope("apply_progress", f"{address}: Still creating... [{seconds}s elapsed]",
                              hook=dict(hook, elapsed_seconds=seconds)))
            if index % 500 == 499:
                emit(envelope("apply_errored", f"{address}: Creation errored after 21s",
                              hook=dict(hook, elapsed_seconds=21)))
                emit(envelope("diagnostic", "Error: local-exec provisioner error", level="error", diagnostic={
                    "severity": "error", "summary": "local-exec provisioner error",
                    "detail": "Error running command 'deploy.sh': exit status 3.", "address": address,
                    "range": {"filename": "main.tf", "start": {"line": 8, "column": 28, "byte": 170},
                              "end": {"line": 8, "column": 29, "byte": 171}},
                    "snippet": {"context": "resource \"terraform_data\" \"item\"", "code": "  provisioner \"local-exec\" {",
                                "start_line": 8, "highlight_start_offset": 27, "highlight_end_offset": 28, "values": []}}))
            else:
                emit(envelope("apply_complete", f"{address}: Creation complete after 21s [id={index:08x}]",
                              hook=dict(hook, id_key="id", id_value=f"{index:08x}", elapsed_seconds=21)))
        while written < total - 2:
            emit(envelope("log", "padding line to reach the requested length"))
        emit(envelope("change_summary", f"Apply complete! Resources: {count} added, 0 changed, 0 destroyed.",
                      changes={"add": count, "change": 0, "import": 0, "remove": 0, "action_invocation": 0, "operation": "apply"}))
        emit(envelope("outputs", "Outputs: 1", outputs={"count": {"sensitive": False, "type": "number", "value": count}}))


if __name__ == "__main__":
    main()
