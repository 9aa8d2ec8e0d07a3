variable "repository_owner" {
  type    = string
  default = "aws-ia"
}
