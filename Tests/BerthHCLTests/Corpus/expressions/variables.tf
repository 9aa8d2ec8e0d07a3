variable "names" {
  type    = list(string)
  default = ["a", "b"]
}
variable "prefix" {
  type    = string
  default = "svc"
}
