variable "a" {}
variable "b" { default = 1 }
variable "c" { type = string }
variable "d" {
  type = list(object({ name = string, size = optional(number, 1) }))
}
