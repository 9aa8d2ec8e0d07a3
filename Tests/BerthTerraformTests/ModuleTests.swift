import BerthTerraform
import Testing

@Suite struct BerthTerraformModuleTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
