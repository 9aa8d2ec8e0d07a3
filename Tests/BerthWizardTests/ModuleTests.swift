import BerthWizard
import Testing

@Suite struct BerthWizardModuleTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
