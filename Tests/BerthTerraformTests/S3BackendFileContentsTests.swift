import BerthTerraform
import Foundation
import Testing

@Suite struct S3BackendFileContentsTests {
    @Test func awsFileHasNoEmulatorSettings() {
        let settings = S3BackendConfiguration(bucket: "acme-terraform-state", key: "backend-service/terraform.tfstate", region: "eu-central-1")

        let text = settings.backendFileContents()

        #expect(text == """
        # Written by Berth: this blueprint keeps its Terraform state in Amazon S3.
        # Berth rewrites this file when you change the remote state settings in Berth.
        terraform {
          backend "s3" {
            bucket       = "acme-terraform-state"
            key          = "backend-service/terraform.tfstate"
            region       = "eu-central-1"
            encrypt      = true
            use_lockfile = true
          }
        }

        """)
    }

    @Test func endpointOverrideAddsItsSettings() throws {
        let url = try #require(URL(string: "http://127.0.0.1:9000"))
        let settings = S3BackendConfiguration(bucket: "state", key: "k.tfstate", region: "us-west-2", locking: .dynamoDBTable("locks"), encrypt: false, endpoint: .init(url: url))

        let text = settings.backendFileContents()

        #expect(text.contains("""
            bucket         = "state"
            key            = "k.tfstate"
            region         = "us-west-2"
            encrypt        = false
            dynamodb_table = "locks"

            endpoints = {
              s3       = "http://127.0.0.1:9000"
              dynamodb = "http://127.0.0.1:9000"
            }

            use_path_style              = true
            skip_credentials_validation = true
            skip_requesting_account_id  = true
            skip_metadata_api_check     = true
          }
        """))
        #expect(!text.contains("use_lockfile"))
    }

    @Test func keyQuotedAsLiteral() {
        let settings = S3BackendConfiguration(bucket: "state", key: "a\"b\\c/${var.x}/%{if}.tfstate", region: "us-west-2")

        let text = settings.backendFileContents()

        #expect(text.contains(#"key          = "a\"b\\c/$${var.x}/%%{if}.tfstate""#))
    }
}
