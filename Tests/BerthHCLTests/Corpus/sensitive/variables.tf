variable "github_token_secret_name" {
  description = "Name of the Secrets Manager secret that holds the GitHub token"
  type        = string
  default     = "ecs-github-token"
}
variable "db_password" {
  type      = string
  sensitive = true
}
