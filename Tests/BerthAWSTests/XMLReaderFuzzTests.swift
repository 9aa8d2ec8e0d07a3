@testable import BerthAWS
import Foundation
import Testing

/// Seeded random documents: written trees read back the same, and damaged documents either read or
/// throw `XMLDecodeError` with a position inside the input, never crash or hang.
@Suite struct XMLReaderFuzzTests {
    /// SplitMix64, so every run reads the same documents and a failure can be replayed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    /// An element as the test writes it, to compare with what the reader returns.
    struct Element: Equatable {
        var name: String
        var attributes: [String: String] = [:]
        var text = ""
        var children: [Element] = []

        init(_ node: XMLNode) {
            name = node.name
            attributes = node.attributes
            text = node.text
            children = node.children.map(Element.init)
        }

        init(name: String) {
            self.name = name
        }
    }

    static let names = ["a", "Item", "vpcSet", "x-y.z", "_n1", "ns:Code", "é"]
    static let pieces = ["a", " ", "<", ">", "&", "'", "\"", "]]>", "]]", "\n", "\t", "é", "😀", "--", "?>", "x;"]

    func randomText(_ random: inout SeededGenerator, maximum: Int) -> String {
        (0..<Int.random(in: 0...maximum, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
    }

    func randomElement(_ random: inout SeededGenerator, depth: Int) -> Element {
        var element = Element(name: Self.names.randomElement(using: &random)!)
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            element.attributes["k\(Int.random(in: 0...3, using: &random))"] = randomText(&random, maximum: 4)
                .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
        }
        if depth < 4 {
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                element.children.append(randomElement(&random, depth: depth + 1))
            }
        }
        element.text = randomText(&random, maximum: 6)
        return element
    }

    /// Escapes one character of text in a randomly chosen but equivalent way.
    func escape(_ character: Character, _ random: inout SeededGenerator, inAttribute: Bool) -> String {
        let scalar = character.unicodeScalars.first!.value
        let special: [Character: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", "\"": "&quot;"]
        switch Int.random(in: 0...3, using: &random) {
        case 0: return "&#\(scalar);"
        case 1: return "&#x\(String(scalar, radix: 16));"
        default:
            if let entity = special[character] { return entity }
            if inAttribute && (character == "\t" || character == "\n") { return "&#\(scalar);" }
            return String(character)
        }
    }

    func write(_ element: Element, _ random: inout SeededGenerator) -> String {
        var output = "<" + element.name
        for (key, value) in element.attributes.sorted(by: { $0.key < $1.key }) {
            output += " \(key)=\"" + value.map { escape($0, &random, inAttribute: true) }.joined() + "\""
        }
        output += element.children.isEmpty && element.text.isEmpty && Bool.random(using: &random) ? " />" : ">"
        if output.hasSuffix("/>") { return output }

        // The text goes before, between or after the children, possibly in CDATA, with comments in between.
        let cut = Int.random(in: 0...element.children.count, using: &random)
        for (index, child) in element.children.enumerated() {
            if index == cut { output += writeText(element.text, &random) }
            output += write(child, &random)
            if Int.random(in: 0...4, using: &random) == 0 { output += "<!-- c -->" }
        }
        if cut == element.children.count { output += writeText(element.text, &random) }
        return output + "</\(element.name)>"
    }

    func writeText(_ text: String, _ random: inout SeededGenerator) -> String {
        if !text.contains("]]>") && Bool.random(using: &random) {
            return "<![CDATA[" + text + "]]>"
        }
        return text.map { escape($0, &random, inAttribute: false) }.joined() + (Bool.random(using: &random) ? "<?p i?>" : "")
    }

    /// Drops namespace prefixes from the names in `element`, as the reader does.
    func expected(_ element: Element) -> Element {
        var copy = element
        copy.name = String(element.name.split(separator: ":").last!)
        copy.children = element.children.map(expected)
        return copy
    }

    @Test func writtenTreesReadBackUnchanged() throws {
        var random = SeededGenerator(state: 7)
        for round in 0..<400 {
            let tree = randomElement(&random, depth: 0)
            let document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + write(tree, &random)

            let read = try XMLNode.decode(Data(document.utf8))

            #expect(Element(read) == expected(tree), "round \(round): \(document)")
        }
    }

    @Test(.timeLimit(.minutes(1))) func damagedDocumentsFailCleanly() {
        var random = SeededGenerator(state: 11)
        let interesting = Array("<>&;#x/!?[]-'\"= \nCDATA".utf8) + [0x00, 0x80, 0xC3, 0xFF]
        var rejected = 0
        for _ in 0..<2_000 {
            var bytes = Array(write(randomElement(&random, depth: 0), &random).utf8)
            for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0...3, using: &random) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(interesting.randomElement(using: &random)!, at: at)
                case 2: bytes[at] = interesting.randomElement(using: &random)!
                default: bytes.removeSubrange(at...)
                }
            }

            do {
                _ = try XMLNode.decode(Data(bytes))
            } catch let error as XMLDecodeError {
                rejected += 1
                let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                #expect(error.line >= 1, "\(error) in \(bytes)")
                #expect(error.line <= lines.count, "\(error) in \(bytes)")
                #expect(error.column >= 1, "\(error) in \(bytes)")
                #expect(error.column <= lines[min(max(error.line - 1, 0), lines.count - 1)].count + 1, "\(error) in \(bytes)")
                #expect(!error.reason.isEmpty)
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
        // Most damage makes a document malformed; if nearly none is rejected, the reader accepts too much.
        #expect(rejected > 1_000)
    }
}
