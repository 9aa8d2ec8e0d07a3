// Seeded mutation fuzzer and benchmark for BerthHCL, compiled together with its sources by
// scripts/fuzz-hcl. Exit status: 0 when no input crashed, hung or broke the round trip.
import Foundation

/// A small deterministic generator (SplitMix64), so a seed reproduces a run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let fragments: [[UInt8]] = [
    "\"", "${", "%{", "$${", "%%{", "}", "{", "[", "]", "(", ")", "<<EOT\n", "<<-EOT\n", "\nEOT\n", "\r\n", "\n",
    "\\u", "\\U0001F600", "\\", "#", "//", "/*", "*/", "=", ":", ",", "...", "? 1 : 2", "for x in y :", "=>",
    "\u{FEFF}", "é", "🚀", "\0", "1e", "-", "!", "null", "true", "x.y[0]", "f(", "~}", "%{if x}", "%{endif}",
].map { Array($0.utf8) }

func mutate(_ input: [UInt8], using generator: inout SeededGenerator, corpus: [[UInt8]]) -> [UInt8] {
    var bytes = input
    for _ in 0..<Int.random(in: 1...4, using: &generator) {
        let position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &generator)
        switch Int.random(in: 0..<6, using: &generator) {
        case 0 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] = UInt8.random(in: 0...255, using: &generator)
        case 1:
            bytes.insert(contentsOf: fragments.randomElement(using: &generator) ?? [], at: position)
        case 2 where !bytes.isEmpty:
            let end = min(bytes.count, position + Int.random(in: 1...16, using: &generator))
            bytes.removeSubrange(min(position, end)..<end)
        case 3:
            let other = corpus.randomElement(using: &generator) ?? []
            if !other.isEmpty {
                let start = Int.random(in: 0..<other.count, using: &generator)
                let end = min(other.count, start + Int.random(in: 1...64, using: &generator))
                bytes.insert(contentsOf: other[start..<end], at: position)
            }
        case 4:
            bytes = Array(bytes.prefix(position))
        default:
            let repeated = fragments.randomElement(using: &generator) ?? []
            for _ in 0..<Int.random(in: 1...200, using: &generator) { bytes.insert(contentsOf: repeated, at: min(position, bytes.count)) }
        }
    }
    return bytes
}

/// Parses one input every way Berth reads files; returns a failure description or nil.
func exercise(_ bytes: [UInt8]) -> String? {
    let data = Data(bytes)
    if let document = try? TfvarsDocument(data: data, fileName: "fuzz.tfvars") {
        guard Data(document.render().utf8) == data else { return "render() changed the bytes of a file that parsed" }
        if let first = document.assignments.first {
            document.set(first.name, encoded: "\"edited\"", comment: nil)
            document.set("fuzz_added", encoded: "[1, 2]", comment: "added")
            guard let reparsed = try? TfvarsDocument(text: document.render(), fileName: "fuzz.tfvars") else {
                return "the edited file no longer parses"
            }
            guard reparsed.value(of: first.name) == .string("edited") else { return "the edited value did not read back" }
        }
    }
    _ = try? VariableCatalog.parse(bytes, file: "fuzz.tf")
    let text = String(decoding: bytes, as: UTF8.self)
    for type in [TypeConstraint.string, .number, .bool, .list(.string), .map(.string)] {
        if case .success(let encoded) = ValueEncoder.encode(text, as: type), type == .string {
            guard (try? HCLValue.parse(hcl: encoded)) == .string(text) else { return "the encoded string did not round-trip" }
        }
    }
    _ = SecretMask.redact(text)
    return nil
}

func fuzz(seed: UInt64, iterations: Int, corpusFolder: String) -> Int32 {
    var corpus: [[UInt8]] = []
    if let enumerator = FileManager.default.enumerator(atPath: corpusFolder) {
        for case let path as String in enumerator where path.hasSuffix(".tf") || path.hasSuffix(".tfvars") || path.hasSuffix(".json") {
            if let data = FileManager.default.contents(atPath: corpusFolder + "/" + path) { corpus.append([UInt8](data)) }
        }
    }
    guard !corpus.isEmpty else {
        print("no corpus files found in \(corpusFolder)")
        return 2
    }

    // A watchdog reports an input that takes longer than 5 seconds as a hang.
    let progress = ManagedCounter()
    let current = CurrentInput()
    Thread.detachNewThread {
        var last = -1
        while true {
            Thread.sleep(forTimeInterval: 5)
            let now = progress.value
            if now == last {
                let path = "/tmp/fuzz-hcl-hang.bin"
                _ = FileManager.default.createFile(atPath: path, contents: Data(current.bytes))
                print("HANG at iteration \(now); input saved to \(path)")
                exit(3)
            }
            last = now
        }
    }

    var generator = SeededGenerator(state: seed)
    var failures = 0
    let start = Date()
    for iteration in 0..<iterations {
        let base = corpus[Int.random(in: 0..<corpus.count, using: &generator)]
        let input = mutate(base, using: &generator, corpus: corpus)
        current.bytes = input
        if let failure = exercise(input) {
            failures += 1
            let path = "/tmp/fuzz-hcl-failure-\(seed)-\(iteration).bin"
            _ = FileManager.default.createFile(atPath: path, contents: Data(input))
            print("FAILURE at iteration \(iteration): \(failure); input saved to \(path)")
        }
        progress.value = iteration
    }
    let seconds = Date().timeIntervalSince(start)
    print("seed \(seed): \(iterations) inputs from \(corpus.count) corpus files in \(String(format: "%.1f", seconds)) s, \(failures) failures")
    return failures == 0 ? 0 : 1
}

final class ManagedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = 0
    var value: Int {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

final class CurrentInput: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [UInt8] = []
    var bytes: [UInt8] {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

/// Writes a folder with a 10,000-line terraform.tfvars and its variables.tf, then times
/// reading and re-printing it.
func benchmark(folder: String, lines: Int) -> Int32 {
    var variables = ""
    var tfvars = "# generated for the BerthHCL benchmark\n"
    var line = 1
    var index = 0
    while line < lines {
        let name = "v\(index)"
        switch index % 4 {
        case 0:
            variables += "variable \"\(name)\" {\n  type = string\n}\n"
            tfvars += "\(name) = \"value \\\"\(index)\\\" $${x}\" # comment\n"
            line += 1
        case 1:
            variables += "variable \"\(name)\" {\n  type = number\n}\n"
            tfvars += "\(name) = \(index).5e1\n"
            line += 1
        case 2:
            variables += "variable \"\(name)\" {\n  type = list(string)\n}\n"
            tfvars += "\(name) = [\n  \"a\",\n  \"b\",\n]\n"
            line += 4
        default:
            variables += "variable \"\(name)\" {\n  type = map(string)\n}\n"
            tfvars += "\(name) = {\n  Team = \"core\"\n  \"kubernetes.io/role\" = \"web\"\n}\n"
            line += 4
        }
        index += 1
    }
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: folder + "/variables.tf", contents: Data(variables.utf8))
    _ = FileManager.default.createFile(atPath: folder + "/terraform.tfvars", contents: Data(tfvars.utf8))

    let data = Data(tfvars.utf8)
    var timings: [Double] = []
    for _ in 0..<5 {
        let start = Date()
        guard let document = try? TfvarsDocument(data: data, fileName: "terraform.tfvars") else { return 1 }
        let rendered = document.render()
        timings.append(Date().timeIntervalSince(start))
        guard rendered.utf8.count == data.count else { return 1 }
    }
    let catalogStart = Date()
    let declared = (try? VariableCatalog.load(folder: URL(fileURLWithPath: folder)))?.count ?? 0
    let catalogTime = Date().timeIntervalSince(catalogStart)
    let sorted = timings.sorted()
    print("tfvars: \(tfvars.split(separator: "\n", omittingEmptySubsequences: false).count - 1) lines, \(data.count) bytes, \(index) assignments")
    print(String(format: "read + render: median %.1f ms (min %.1f, max %.1f) over 5 runs", sorted[2] * 1000, sorted[0] * 1000, sorted[4] * 1000))
    print(String(format: "VariableCatalog.load: %.1f ms for %d variables", catalogTime * 1000, declared))
    return 0
}

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "--bench" {
    exit(benchmark(folder: arguments.dropFirst().first ?? "/tmp/berth-hcl-bench", lines: 10_000))
}
let seed = arguments.first.flatMap(UInt64.init) ?? 1
let iterations = arguments.dropFirst().first.flatMap(Int.init) ?? 20_000
let corpusFolder = arguments.dropFirst(2).first ?? "Tests/BerthHCLTests/Corpus"
exit(fuzz(seed: seed, iterations: iterations, corpusFolder: corpusFolder))
