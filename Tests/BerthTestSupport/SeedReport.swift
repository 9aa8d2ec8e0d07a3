import Foundation

/// What `scripts/rig/seed.py` created in the emulator, decoded from the JSON it prints.
/// A part left out with `--without` is nil. Secret values are never in the report.
public struct SeedReport: Decodable, Sendable {
    public struct VPC: Decodable, Sendable {
        public let id: String
        public let name: String?
        public let cidr: String
        /// Only set on `secondVPC`.
        public let subnets: Subnets?
    }

    public struct Subnet: Decodable, Sendable {
        public let id: String
        public let name: String
        public let vpcID: String
        public let availabilityZone: String
        public let cidr: String

        enum CodingKeys: String, CodingKey {
            case id, name, cidr
            case vpcID = "vpc_id"
            case availabilityZone = "availability_zone"
        }
    }

    public struct Subnets: Decodable, Sendable {
        public let `private`: [Subnet]
        public let `public`: [Subnet]
    }

    public struct Cluster: Decodable, Sendable {
        public let name: String
        public let arn: String
        /// `ACTIVE`, or `INACTIVE` with `--inactive-cluster`.
        public let status: String
    }

    public struct Namespace: Decodable, Sendable {
        public let id: String
        public let name: String
        public let arn: String
        public let type: String
    }

    public struct Role: Decodable, Sendable {
        public let name: String
        public let arn: String
    }

    public struct Secret: Decodable, Sendable {
        public let name: String
        public let arn: String
        /// `plain-text`, `json`, `binary` or `empty`.
        public let kind: String
    }

    public let region: String
    public let coreStackName: String
    public let vpc: VPC?
    /// The VPC without a Name tag that contains the subnets and namespace under `--without vpc`.
    public let untaggedVPC: VPC?
    public let secondVPC: VPC?
    public let subnets: Subnets?
    public let cluster: Cluster?
    public let namespace: Namespace?
    public let executionRole: Role?
    public let serviceLinkedRole: Role?
    public let secrets: [Secret]?

    enum CodingKeys: String, CodingKey {
        case region, vpc, subnets, cluster, namespace, secrets
        case coreStackName = "core_stack_name"
        case untaggedVPC = "untagged_vpc"
        case secondVPC = "second_vpc"
        case executionRole = "execution_role"
        case serviceLinkedRole = "service_linked_role"
    }
}

/// An AWS error that the emulator returned to `Emulator.call`.
public struct EmulatorCallError: Error, CustomStringConvertible {
    public let service: String
    public let operation: String
    /// The AWS error code, such as `NoSuchEntity` or `ResourceNotFoundException`.
    public let code: String
    public let message: String

    public var description: String {
        "\(service) \(operation) failed on the emulator: \(code): \(message)"
    }
}
