variable "github_token_secret_name" {
  description = "Name of the Secrets Manager secret that contains the GitHub token"
  type        = string
  default     = "ecs-github-token"
}
variable "repository_owner" {
  type = string
}
