variable "short" { type = string }
variable "a_much_longer_name" { type = string }
variable "tabbed" { type = string }
variable "no_newline" { type = number }
