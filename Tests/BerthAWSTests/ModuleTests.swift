import BerthAWS
import Testing

@Suite struct BerthAWSModuleTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
