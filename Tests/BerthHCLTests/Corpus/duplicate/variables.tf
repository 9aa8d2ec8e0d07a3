variable "service_name" { type = string }
