variable "tags" {
  type = map(string)
}

variable "service" {
  type = object({
    name     = string
    port     = optional(number, 8080)
    public   = optional(bool)
    aliases  = optional(list(string), [])
  })
}

variable "nested" {
  type = map(object({ cidr = string, zones = list(string) }))
}

variable "empty_map" {
  type    = map(number)
  default = {}
}
