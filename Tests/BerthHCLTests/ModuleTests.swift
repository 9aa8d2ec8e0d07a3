import BerthHCL
import Testing

@Suite struct BerthHCLModuleTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
