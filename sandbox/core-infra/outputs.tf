# The names of what the apply created: the service blueprints find these by name and tag.

output "vpc_name" {
  description = "The VPC the service blueprints find by its Name tag"
  value       = terraform_data.vpc.output.name
}

output "private_subnet_pattern" {
  description = "Name tag pattern of the private subnets"
  value       = terraform_data.private_subnets.output.name_pattern
}

output "ecs_cluster_name" {
  description = "The ECS cluster"
  value       = terraform_data.ecs_cluster.output.name
}

output "service_discovery_namespaces" {
  description = "The Cloud Map private DNS namespaces"
  value       = terraform_data.service_discovery_namespaces.output.names
}

output "ecs_task_execution_role_name" {
  description = "The task execution role"
  value       = terraform_data.ecs_task_execution_role.output.name
}
