variable "core_stack_name" {
  description = "Name of the core stack; the ECS cluster and the VPC get this name"
  type        = string
  default     = "ecs-blueprint-infra"
}

variable "aws_region" {
  description = "AWS region to create the core infrastructure in"
  type        = string
}

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC"
  type        = string
  default     = "10.0.0.0/16"
}

variable "namespaces" {
  description = "Cloud Map private DNS namespaces to create, as first labels of <name>.<cluster>.local"
  type        = list(string)
  default     = ["default", "myapp"]
}

variable "enable_nat_gw" {
  description = "Create a NAT gateway so tasks in private subnets can reach the internet"
  type        = bool
  default     = true
}

# The misspelling is part of the variable's name in the blueprint.
variable "enable_secerts_manager_read_access" {
  description = "Let the task execution role read Secrets Manager secrets"
  type        = bool
  default     = true
}
