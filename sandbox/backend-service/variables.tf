variable "aws_region" {
  description = "AWS region to deploy into; it must be the region where core-infra was applied"
  type        = string
}

variable "core_stack_name" {
  description = "Name of the core-infra stack whose VPC, subnets, cluster and role this service uses"
  type        = string
  default     = "ecs-blueprint-infra"
}

variable "vpc_tag_key" {
  description = "Tag key used to find the VPC and its subnets"
  type        = string
  default     = "Name"
}

variable "vpc_tag_value" {
  description = "Tag value of the VPC; when empty, the core stack name is used"
  type        = string
  default     = ""
}

variable "private_subnets_tag_value" {
  description = "Prefix of the private subnets' Name tag; when empty, \"<core_stack_name>-private-\" is used"
  type        = string
  default     = ""
}

variable "ecs_cluster_name" {
  description = "ECS cluster to run the service in; when empty, the core stack name is used"
  type        = string
  default     = ""
}

variable "ecs_task_execution_role_name" {
  description = "IAM role the tasks start with; when empty, \"<core_stack_name>-execution\" is used"
  type        = string
  default     = ""
}

variable "buildspec_path" {
  description = "Path of the CodeBuild buildspec file inside the source repository"
  type        = string
  default     = "./application-code/ecsdemo-nodejs/templates/buildspec.yml"
}

variable "folder_path" {
  description = "Folder inside the source repository that Docker builds the image from"
  type        = string
  default     = "./application-code/ecsdemo-nodejs/."
}

variable "repository_owner" {
  description = "GitHub user or organisation that owns the fork the pipeline pulls from"
  type        = string
}

variable "repository_name" {
  description = "Name of the GitHub repository the pipeline pulls from"
  type        = string
  default     = "ecs-blueprints"
}

variable "repository_branch" {
  description = "Branch whose commits start the pipeline"
  type        = string
  default     = "main"
}

variable "github_token_secret_name" {
  description = "Name of the Secrets Manager secret holding the GitHub token as plain text"
  type        = string
  default     = "ecs-github-token"
}

variable "service_name" {
  description = "Name of the ECS service, also used as its Cloud Map service name"
  type        = string
  default     = "ecsdemo-backend"
}

variable "namespace" {
  description = "First label of the Cloud Map namespace <namespace>.<cluster>.local"
  type        = string
  default     = "default"
}

variable "desired_count" {
  description = "Number of tasks the service keeps running"
  type        = number
  default     = 1
}

variable "cpu" {
  description = "CPU units for the task (1024 units = 1 vCPU)"
  type        = number
}

variable "memory" {
  description = "Memory for the task, in MiB"
  type        = number
}

variable "container_name" {
  description = "Name of the container, also used as the ECR repository name"
  type        = string
}

variable "container_definition_defaults" {
  description = "Extra settings merged into every container definition"
  type        = any
  default     = {}
}

variable "container_port" {
  description = "Port the container listens on"
  type        = number
  default     = 3000
}

variable "cp_strategy_base" {
  description = "Number of tasks that always run on on-demand Fargate"
  type        = number
  default     = 1
}

variable "cp_strategy_fg_weight" {
  description = "Relative share of tasks placed on on-demand Fargate"
  type        = number
  default     = 1
}

variable "cp_strategy_fg_spot_weight" {
  description = "Relative share of tasks placed on Fargate Spot"
  type        = number
  default     = 0
}
