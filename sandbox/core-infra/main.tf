# A stand-in for the ECS Blueprints core-infra (old layout, aws-ia/ecs-blueprints a4c7228).
#
# The parts the service blueprints look up by name (the VPC, its private subnets, the ECS
# cluster, the Cloud Map namespaces and the task execution role) are terraform_data resources
# whose local-exec provisioner creates the real object in the local AWS emulator through
# scripts/rig/core_infra.py, so Berth's look-ups find them after the apply. The other parts
# (NAT gateway, log group, policy attachments) only record their values and sleep briefly.
#
# The provisioner needs BERTH_ROOT (the Berth checkout, for the script) and AWS_ENDPOINT_URL
# (the emulator, on loopback only); BERTH_RIG selects the rig whose Python has boto3 (default
# $BERTH_ROOT/.rig). scripts/sandbox sets all three.
#
# NOTE: destroy removes only the state; the emulator keeps the objects until it stops.

locals {
  private_subnet_prefix = "${var.core_stack_name}-private-"
  execution_role_name   = "${var.core_stack_name}-execution"

  # One shell command for every created part; PART and the names come from the environment.
  create_part = <<-EOT
    : "$${BERTH_ROOT:?the sandbox core-infra needs BERTH_ROOT, the Berth checkout holding scripts/rig/core_infra.py}"
    exec "$${BERTH_RIG:-$BERTH_ROOT/.rig}/venv/bin/python" "$BERTH_ROOT/scripts/rig/core_infra.py" "$PART" \
      --core-stack-name "$CORE_STACK_NAME" --region "$REGION" --vpc-cidr "$VPC_CIDR" --namespaces "$NAMESPACES"
  EOT

  part_environment = {
    CORE_STACK_NAME = var.core_stack_name
    REGION          = var.aws_region
    VPC_CIDR        = var.vpc_cidr
    NAMESPACES      = join(",", var.namespaces)
  }

  tags = {
    Blueprint  = var.core_stack_name
    GithubRepo = "github.com/aws-ia/ecs-blueprints"
  }
}

# VPC (terraform-aws-modules/vpc ~> 3.0): the VPC, then its private and public subnets.

resource "terraform_data" "vpc" {
  input = {
    name                 = var.core_stack_name
    cidr_block           = var.vpc_cidr
    enable_dns_hostnames = true
    tags                 = merge(local.tags, { Name = var.core_stack_name })
  }

  provisioner "local-exec" {
    command     = local.create_part
    environment = merge(local.part_environment, { PART = "vpc" })
  }
}

resource "terraform_data" "private_subnets" {
  input = {
    vpc_name     = terraform_data.vpc.output.name
    name_pattern = "${local.private_subnet_prefix}*"
    cidr_blocks  = [for index in [10, 11, 12] : cidrsubnet(var.vpc_cidr, 8, index)]
    public_cidrs = [for index in [0, 1, 2] : cidrsubnet(var.vpc_cidr, 8, index)]
  }

  provisioner "local-exec" {
    command     = local.create_part
    environment = merge(local.part_environment, { PART = "subnets" })
  }
}

resource "terraform_data" "nat_gateway" {
  count = var.enable_nat_gw ? 1 : 0

  input = {
    name   = "${var.core_stack_name}-nat"
    subnet = "${var.core_stack_name}-public-*"
    single = true
  }

  provisioner "local-exec" {
    command = "sleep 0.5; echo 'NAT gateway for ${terraform_data.private_subnets.output.vpc_name} (recorded only)'"
  }
}

# ECS cluster (terraform-aws-modules/ecs ~> 4.0) with Container Insights and Fargate providers.

resource "terraform_data" "ecs_cluster" {
  input = {
    name               = var.core_stack_name
    container_insights = "enabled"
    capacity_providers = ["FARGATE", "FARGATE_SPOT"]
  }

  provisioner "local-exec" {
    command     = local.create_part
    environment = merge(local.part_environment, { PART = "cluster" })
  }
}

resource "terraform_data" "ecs_exec_log_group" {
  input = {
    name              = "/aws/ecs/${var.core_stack_name}"
    retention_in_days = 7
  }

  provisioner "local-exec" {
    command = "sleep 0.2"
  }
}

# Cloud Map private DNS namespaces <namespace>.<cluster>.local, attached to the VPC. One
# resource creates them all, in list order: the emulator keeps one private namespace per VPC,
# so only the first (the blueprint's "default") becomes a real one there.

resource "terraform_data" "service_discovery_namespaces" {
  input = {
    names    = [for namespace in var.namespaces : "${namespace}.${terraform_data.ecs_cluster.output.name}.local"]
    vpc_name = terraform_data.vpc.output.name
  }

  provisioner "local-exec" {
    command     = local.create_part
    environment = merge(local.part_environment, { PART = "namespace" })
  }
}

# Task execution role with the policies core-infra attaches.

resource "terraform_data" "ecs_task_execution_role" {
  input = {
    name    = local.execution_role_name
    trusted = "ecs-tasks.amazonaws.com"
  }

  provisioner "local-exec" {
    command     = local.create_part
    environment = merge(local.part_environment, { PART = "role" })
  }
}

resource "terraform_data" "ecs_task_execution_policies" {
  input = {
    role = terraform_data.ecs_task_execution_role.output.name
    policies = concat(
      ["AmazonSSMReadOnlyAccess", "AmazonECSTaskExecutionRolePolicy"],
      var.enable_secerts_manager_read_access ? ["ECSTaskExecutionReadSecretsManager"] : []
    )
  }

  provisioner "local-exec" {
    command = "sleep 0.3"
  }
}
