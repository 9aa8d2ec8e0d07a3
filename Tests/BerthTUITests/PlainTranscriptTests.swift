@testable import BerthTUI
import BerthWizard
import Foundation
import Testing

@Suite struct PlainTranscriptTests {
    @Test func linesShowInvisibleCharactersAndMaskTokens() {
        var printed: [String] = []
        let transcript = PlainTranscript(output: { printed.append($0) }, now: { Date(timeIntervalSince1970: 0) }, stillWorkingInterval: 30, blankLineBeforeRun: false)
        let token = "ghp_" + String(repeating: "a", count: 36)

        transcript.say("container_name = x\u{202E}y")
        transcript.prompt("token \(token): ")

        #expect(printed[0] == "container_name = x\\u{202E}y")
        #expect(!printed[1].contains(token))
        #expect(printed[1].hasPrefix("token "))
    }
}
