variable "cpu" { type = number }
