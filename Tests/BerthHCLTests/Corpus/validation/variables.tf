variable "environment" {
  type = string
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "The environment must be dev, staging or prod."
  }
}

variable "service_name" {
  type = string
  validation {
    condition     = length(var.service_name) > 2 && length(var.service_name) <= 32
    error_message = "The service name must be 3 to 32 characters."
  }
}

variable "aws_region" {
  type = string
  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "The region must look like us-west-2."
  }
}

variable "cidr" {
  type = string
  validation {
    condition     = cidrhost(var.cidr, 0) != ""
    error_message = "Enter a CIDR block."
  }
}
