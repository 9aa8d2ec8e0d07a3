variable "optional" {
  type    = string
  default = "only default"
}
