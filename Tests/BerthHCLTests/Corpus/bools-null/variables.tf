variable "enabled" { type = bool }
variable "disabled" { type = bool }
variable "maybe" {
  type     = string
  nullable = true
  default  = "set"
}
variable "never_null" {
  type     = string
  nullable = false
  default  = "kept"
}
variable "string_bool" { type = bool }
