import BerthTestSupport
import BerthWizard
import Foundation
import Testing

/// Tests that fill the lb-service's `backend_svc_endpoint` from the backend's Cloud Map name.
@Suite struct DeployedBackendEndpointTests {
    /// Copies the lb-service template without its endpoint line into `root/lb-service`, and
    /// the backend template with `backendTfvars` into `root/backend-service` when given.
    private func folders(backendTfvars: String?) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("berth-lb-\(UUID().uuidString)")
        let templates = Rig.packageRoot.appendingPathComponent("templates")
        let frontend = root.appendingPathComponent("lb-service")
        try FileManager.default.createDirectory(at: frontend, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: templates.appendingPathComponent("lb-service/variables.tf"), to: frontend.appendingPathComponent("variables.tf"))
        let example = try String(contentsOf: templates.appendingPathComponent("lb-service/terraform.tfvars.example"), encoding: .utf8)
        let tfvars = example.components(separatedBy: "\n").filter { !$0.hasPrefix("backend_svc_endpoint") }.joined(separator: "\n")
        try tfvars.replacingOccurrences(of: "namespace            = \"default\"", with: "namespace            = \"shop\"")
            .write(to: frontend.appendingPathComponent("terraform.tfvars"), atomically: true, encoding: .utf8)
        if let backendTfvars {
            let backend = root.appendingPathComponent("backend-service")
            try FileManager.default.createDirectory(at: backend, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: templates.appendingPathComponent("backend-service/variables.tf"), to: backend.appendingPathComponent("variables.tf"))
            try backendTfvars.write(to: backend.appendingPathComponent("terraform.tfvars"), atomically: true, encoding: .utf8)
        }
        return frontend
    }

    /// Opens the fields form of `folder` by continuing a session saved at the fields step.
    private func endpointField(_ folder: URL) throws -> String? {
        try SessionStore(folder: folder).save(Session(step: WizardStep.fields.rawValue, now: Date()))
        let setup = WizardSetup(folder: folder, profile: nil, region: "us-west-2", enginePath: nil,
                                environment: ["HOME": folder.path], homeDirectory: folder.path)
        let controller = WizardController(configuration: setup.makeConfiguration(), mode: .onboard)
        controller.handle(.activate(actionID: ResumeOffer.continueID))
        return controller.screen.fields.first { $0.id == "backend_svc_endpoint" }?.value
    }

    @Test func endpointComesFromSiblingBackendValues() throws {
        let folder = try folders(backendTfvars: "service_name = \"orders\"\ncontainer_port = 8080\n")

        let value = try endpointField(folder)

        #expect(value == "http://orders.shop.ecs-blueprint-infra.local:8080")
    }

    @Test func endpointFallsBackToBackendDefaults() throws {
        let folder = try folders(backendTfvars: nil)

        let value = try endpointField(folder)

        #expect(value == "http://ecsdemo-backend.shop.ecs-blueprint-infra.local:3000")
    }

    @Test func endpointAlreadySetIsKept() throws {
        let folder = try folders(backendTfvars: nil)
        let tfvars = folder.appendingPathComponent("terraform.tfvars")
        try (try String(contentsOf: tfvars, encoding: .utf8) + "\nbackend_svc_endpoint = \"http://custom:1\"\n").write(to: tfvars, atomically: true, encoding: .utf8)

        let value = try endpointField(folder)

        #expect(value == "http://custom:1")
    }

    @Test func backendLayoutIsNotLoadBalanced() throws {
        let specs = try HCLBlueprintFiles(folder: Rig.packageRoot.appendingPathComponent("templates/backend-service")).variables()

        #expect(!BackendEndpoint.isLoadBalancedLayout(specs))
    }
}
