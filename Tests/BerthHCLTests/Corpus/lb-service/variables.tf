variable "aws_region" {
  type = string
}
variable "core_stack_name" {
  type = string
}
variable "github_token_secret_name" {
  type = string
}
variable "repository_owner" {
  type = string
}
variable "backend_svc_endpoint" {
  type    = string
  default = ""
}
variable "listener_port" {
  type    = number
  default = 80
}
variable "health_check_matcher" {
  type    = string
  default = "200-299"
}
variable "enable_scheduled_autoscaling" {
  type    = bool
  default = false
}
variable "scheduled_autoscaling_up_time" {
  type    = string
  default = "cron(0 6 * * ? *)"
}
variable "scheduled_autoscaling_down_time" {
  type    = string
  default = "cron(0 20 * * ? *)"
}
variable "scheduled_autoscaling_up_min_capacity" {
  type    = number
  default = 4
}
