import BerthHCL
import Foundation
import Testing

@Suite struct VariableCatalogTests {
    @Test func backendServiceVariables() throws {
        let variables = try VariableCatalog.load(folder: Corpus.folder("backend-service"))
        #expect(variables.count == 19)
        let required = variables.filter(\.isRequired).map(\.name)
        #expect(required == ["aws_region", "repository_owner", "cpu", "memory", "container_name"])
        let owner = try #require(variables.first { $0.name == "repository_owner" })
        #expect(owner.file == "variables.tf")
        #expect(owner.line == 25)
        #expect(owner.type == .string)
        #expect(owner.description == "The name of the owner of the forked GitHub repository")
        let defaults = try #require(variables.first { $0.name == "container_definition_defaults" })
        #expect(defaults.type == .any)
        #expect(defaults.defaultValue == .object([]))
    }

    @Test func typeConstraintsParsed() throws {
        let variables = try VariableCatalog.load(folder: Corpus.folder("maps-objects"))
        let service = try #require(variables.first { $0.name == "service" })
        #expect(service.type == .object([
            .init(name: "name", type: .string),
            .init(name: "port", type: .number, isOptional: true, defaultValue: .number("8080")),
            .init(name: "public", type: .bool, isOptional: true),
            .init(name: "aliases", type: .list(.string), isOptional: true, defaultValue: .tuple([])),
        ]))
        #expect(try TypeConstraint.parse("tuple([string, set(number), map(any)])") == .tuple([.string, .set(.number), .map(.any)]))
        #expect(try TypeConstraint.parse("\"list\"") == .list(.any))
        #expect(throws: HCLParseError.self) { try TypeConstraint.parse("strng") }
    }

    @Test func flagsAndDefaults() throws {
        let variables = try VariableCatalog.load(folder: Corpus.folder("bools-null"))
        let neverNull = try #require(variables.first { $0.name == "never_null" })
        #expect(!neverNull.nullable)
        #expect(try #require(variables.first { $0.name == "maybe" }).nullable)
        let sensitive = try VariableCatalog.load(folder: Corpus.folder("sensitive"))
        #expect(sensitive.map(\.sensitive) == [false, true])
    }

    @Test func untypedIsAny() throws {
        let variables = try VariableCatalog.load(folder: Corpus.folder("any-type"))
        let untyped = try #require(variables.first { $0.name == "untyped" })
        #expect(untyped.type == .any)
        #expect(untyped.typeSource == nil)
        #expect(untyped.isRequired)
    }

    @Test func validationsEvaluated() throws {
        let variables = try VariableCatalog.load(folder: Corpus.folder("validation"))
        let rules = Dictionary(uniqueKeysWithValues: variables.map { ($0.name, $0.validations) })
        let environment = try #require(rules["environment"]?.first)
        #expect(environment.errorMessage == "The environment must be dev, staging or prod.")
        #expect(environment.check(.string("prod"), variable: "environment") == .passed)
        #expect(environment.check(.string("qa"), variable: "environment") == .failed("The environment must be dev, staging or prod."))
        let name = try #require(rules["service_name"]?.first)
        #expect(name.check(.string("ab"), variable: "service_name") == .failed("The service name must be 3 to 32 characters."))
        #expect(name.check(.string("abc"), variable: "service_name") == .passed)
        let region = try #require(rules["aws_region"]?.first)
        #expect(region.check(.string("eu-central-1"), variable: "aws_region") == .passed)
        #expect(region.check(.string("us-west-2a"), variable: "aws_region") == .failed("The region must look like us-west-2."))
        let cidr = try #require(rules["cidr"]?.first)
        #expect(cidr.check(.string("10.0.0.0/8"), variable: "cidr") == .unknown)
    }

    @Test func otherBlocksAndExpressionsSkipped() throws {
        let variables = try VariableCatalog.load(folder: Corpus.folder("expressions"))
        #expect(variables.map(\.name) == ["names", "prefix"])
    }

    @Test func utf16VariablesFileRejected() {
        #expect(throws: HCLParseError.self) {
            _ = try VariableCatalog.parse(Array(Corpus.data("invalid", "utf16le-bom-variables.tf")), file: "variables.tf")
        }
    }
}

@Suite struct VariableCatalogJSONTests {
    @Test func jsonDeclarationsRead() throws {
        let variables = try VariableCatalog.load(folder: Corpus.folder("tf-json"))
        #expect(variables.map(\.name) == ["aws_region", "subnet_ids", "settings", "quiet"])
        #expect(variables.map(\.line) == [3, 7, 11, 15])
        #expect(variables.first?.isRequired == true)
        #expect(variables.first?.description == "AWS region")
        #expect(variables[1].type == .list(.string))
        #expect(variables[1].defaultValue == .tuple([.string("subnet-aaa")]))
        #expect(variables[2].type == .object([.init(name: "size", type: .number), .init(name: "name", type: .string, isOptional: true, defaultValue: .string("x"))]))
        #expect(variables[3].sensitive)
    }
}
