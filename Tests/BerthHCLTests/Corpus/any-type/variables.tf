variable "untyped" {}
variable "untyped_default" {
  default = ["a", 1]
}
variable "anything" { type = any }
variable "any_list" { type = list(any) }
variable "container_definition_defaults" {
  type    = any
  default = {}
}
