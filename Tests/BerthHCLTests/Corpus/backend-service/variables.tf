variable "aws_region" {
  description = "AWS region, must match the core-infra region"
  type        = string
}

variable "core_stack_name" {
  description = "The name of core infrastructure stack"
  type        = string
  default     = "ecs-blueprint-infra"
}

variable "vpc_tag_key" {
  description = "The tag key of the VPC and subnets"
  type        = string
  default     = "Name"
}

variable "vpc_tag_value" {
  # if left empty, the core_stack_name is used
  description = "The tag value of the VPC and subnets"
  type        = string
  default     = ""
}

variable "repository_owner" {
  description = "The name of the owner of the forked GitHub repository"
  type        = string
}

variable "repository_name" {
  description = "The name of the GitHub repository"
  type        = string
  default     = "ecs-blueprints"
}

variable "repository_branch" {
  description = "The name of branch the GitHub repository, which is going to trigger a new CodePipeline excecution"
  type        = string
  default     = "main"
}

variable "github_token_secret_name" {
  description = "The name of branch the GitHub repository, which is going to trigger a new CodePipeline excecution"
  type        = string
  default     = "ecs-github-token"
}

variable "service_name" {
  description = "The service name"
  type        = string
  default     = "ecsdemo-backend"
}

variable "namespace" {
  description = "The service discovery namespace"
  type        = string
  default     = "default"
}

variable "desired_count" {
  description = "The number of task replicas for service"
  type        = number
  default     = 1
}

variable "cpu" {
  description = "The task vCPU size"
  type        = number
}

variable "memory" {
  description = "The task memory size"
  type        = number
}

variable "container_name" {
  description = "The container name to use in service task definition"
  type        = string
}

variable "container_definition_defaults" {
  description = "Container definition defaults"
  type        = any
  default     = {}
}

variable "container_port" {
  description = "The container port to serve traffic"
  type        = number
  default     = 3000
}

variable "cp_strategy_base" {
  description = "Base number of tasks to create on Fargate on-demand"
  type        = number
  default     = 1
}

variable "cp_strategy_fg_weight" {
  description = "Relative number of tasks to put in Fargate"
  type        = number
  default     = 1
}

variable "cp_strategy_fg_spot_weight" {
  description = "Relative number of tasks to put in Fargate Spot"
  type        = number
  default     = 0
}
