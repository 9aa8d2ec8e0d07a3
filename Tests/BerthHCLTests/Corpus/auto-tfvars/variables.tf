variable "from_default" {
  type    = string
  default = "default"
}
variable "from_env" {
  type    = string
  default = "default"
}
variable "env_list" {
  type    = list(number)
  default = []
}
variable "from_tfvars" { type = string }
variable "from_json" { type = string }
variable "from_auto_a" { type = string }
variable "from_auto_b" { type = string }
variable "json_list" { type = list(string) }
