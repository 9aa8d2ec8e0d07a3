variable "quotes" { type = string }
variable "backslash" { type = string }
variable "controls" { type = string }
variable "unicode_escapes" { type = string }
variable "template_escapes" {
  type = string
}
variable "lone_markers" { type = string }
variable "c04_text" {
  type        = string
  description = "Free text with quotes, a backslash and template markers"
}
variable "empty" { type = string }
