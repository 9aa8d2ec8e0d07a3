variable "zero" { type = number }
variable "negative" { type = number }
variable "fraction" { type = number }
variable "exponent" { type = number }
variable "small_exponent" { type = number }
variable "big" { type = number }
variable "leading_zero" { type = number }
variable "string_number" {
  type = number
}
variable "negative_exponent" {
  type    = number
  default = -1.5e-3
}
