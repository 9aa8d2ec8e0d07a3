variable "subnet_ids" { type = list(string) }
variable "ports" { type = set(number) }
variable "pair" { type = tuple([string, number, bool]) }
variable "matrix" { type = list(list(number)) }
variable "empty_list" { type = list(string) }
variable "trailing_comma" { type = list(string) }
variable "multi_line" {
  type = list(string)
}
