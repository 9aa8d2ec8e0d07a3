variable "script" { type = string }
variable "indented" { type = string }
variable "count_value" { type = number }
