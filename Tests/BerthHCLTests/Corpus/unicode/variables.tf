variable "greeting" {
  type        = string
  description = "Grüße, 挨拶 and 👋"
}
variable "combining" { type = string }
variable "labels" { type = map(string) }
