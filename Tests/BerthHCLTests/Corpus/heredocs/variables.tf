variable "plain" { type = string }
variable "indented" { type = string }
variable "custom_marker" { type = string }
variable "escapes_literal" { type = string }
variable "blank_lines" { type = string }
variable "empty" { type = string }
variable "whitespace_lines" { type = string }
