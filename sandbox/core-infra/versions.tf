terraform {
  # The real blueprint asks for >= 1.0.0; terraform_data, which stands in for every AWS
  # resource here, needs 1.4. No provider is required, so init and apply work offline.
  required_version = ">= 1.4.0"
}
