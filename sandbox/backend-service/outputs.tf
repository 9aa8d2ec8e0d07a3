output "service_discovery_arn" {
  description = "ARN of the Cloud Map service the backend registers in"
  value       = terraform_data.service_discovery_service.output.arn
}

output "service_discovery_name" {
  description = "Short name of the Cloud Map service (not the full DNS name)"
  value       = terraform_data.service_discovery_service.output.name
}

output "service_discovery_namespace" {
  description = "ID of the Cloud Map namespace the service is in"
  value       = terraform_data.service_discovery_service.output.namespace_id
}
