variable "task_cpu" {
  description = "CPU units"
}
variable "task_memory" {
  description = "Memory in MiB, a string in old versions"
  type        = string
}
variable "sidecar_container_definitions" {
  type    = list(any)
  default = []
}
