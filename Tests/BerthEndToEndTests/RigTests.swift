import BerthTestSupport
import Foundation
import Testing

@Suite struct RigTests {
    @Test func emulatorAnswersOnLoopback() throws {
        let emulator = try Emulator()
        defer { emulator.stop() }
        #expect(emulator.url.host == "127.0.0.1")
        try emulator.reset()
    }
}
