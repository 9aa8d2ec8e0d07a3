variable "desired_count" {
  description = "Number of tasks"
  type        = number
}
variable "subnet_ids" {
  description = "Private subnet IDs"
  type        = list(string)
}
variable "enable_x" {
  description = "Turn on feature X"
  type        = bool
}
variable "tags" {
  description = "Tags for every resource"
  type        = map(string)
}
variable "note" {
  description = "Free text"
  type        = any
}
