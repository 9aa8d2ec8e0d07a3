variable "repository_owner" {
  type = string
}

variable "notes" {
  type = string
}
