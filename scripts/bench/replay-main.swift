// Benchmark driver: prints the plain summary of a saved stream, as `berth view --plain` does,
// using BerthTerraform's streaming replay. Built by scripts/bench/terraform-stream.
import BerthTerraform
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: replay FILE\n".utf8))
    exit(2)
}
do {
    let model = try RunReplay.model(of: URL(fileURLWithPath: arguments[1]))
    for line in PlainSummary.lines(for: model.snapshot()) {
        print(line)
    }
} catch {
    FileHandle.standardError.write(Data("replay: \(error)\n".utf8))
    exit(2)
}
