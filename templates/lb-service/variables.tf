variable "aws_region" {
  description = "AWS region to deploy into; it must be the region where core-infra was applied"
  type        = string
}

variable "core_stack_name" {
  description = "Name of the core-infra stack whose VPC, subnets, cluster and role this service uses"
  type        = string
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

variable "public_subnets_tag_value" {
  description = "Prefix of the public subnets' Name tag; when empty, \"<core_stack_name>-public-\" is used"
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
  default     = "./application-code/ecsdemo-frontend/templates/buildspec.yml"
}

variable "folder_path" {
  description = "Folder inside the source repository that Docker builds the image from"
  type        = string
  default     = "./application-code/ecsdemo-frontend/."
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
}

variable "service_name" {
  description = "Name of the ECS service"
  type        = string
  default     = "ecsdemo-frontend"
}

variable "namespace" {
  description = "First label of the Cloud Map namespace <namespace>.<cluster>.local"
  type        = string
  default     = "default"
}

variable "backend_svc_endpoint" {
  description = "Full URL of the backend service, written into the frontend image when it is built"
  type        = string
  default     = ""
}

variable "listener_port" {
  description = "Port the load balancer listens on"
  type        = number
  default     = 80
}

variable "listener_protocol" {
  description = "Protocol of the load balancer listener"
  type        = string
  default     = "HTTP"
}

variable "health_check_path" {
  description = "Path the target group requests to check a task's health"
  type        = string
  default     = "/"
}

variable "health_check_matcher" {
  description = "HTTP status codes that count as healthy"
  type        = string
  default     = "200-299"
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
  default     = "ecsdemo-frontend"
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

variable "container_protocol" {
  description = "Protocol the target group uses to reach the container"
  type        = string
  default     = "HTTP"
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

variable "enable_scheduled_autoscaling" {
  description = "Scale the service up and down on a schedule"
  type        = bool
  default     = false
}

variable "scheduled_autoscaling_timezone" {
  description = "Time zone of the scaling schedule"
  type        = string
  default     = "America/Los_Angeles"
}

variable "scheduled_autoscaling_up_time" {
  description = "Cron expression for scaling up"
  type        = string
  default     = "cron(0 6 * * ? *)"
}

variable "scheduled_autoscaling_down_time" {
  description = "Cron expression for scaling down"
  type        = string
  default     = "cron(0 20 * * ? *)"
}

variable "scheduled_autoscaling_up_min_capacity" {
  description = "Minimum number of tasks after scaling up"
  type        = number
  default     = 4
}

variable "scheduled_autoscaling_up_max_capacity" {
  description = "Maximum number of tasks after scaling up"
  type        = number
  default     = 6
}

variable "scheduled_autoscaling_down_min_capacity" {
  description = "Minimum number of tasks after scaling down"
  type        = number
  default     = 1
}

variable "scheduled_autoscaling_down_max_capacity" {
  description = "Maximum number of tasks after scaling down"
  type        = number
  default     = 3
}
