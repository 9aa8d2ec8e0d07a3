# A stand-in for the ECS Blueprints backend-service (old layout, aws-ia/ecs-blueprints a4c7228).
#
# Every resource of the real blueprint's first plan is a terraform_data resource here, named
# after the real one, whose input holds the values the real resource would get, and whose
# local-exec provisioner sleeps briefly so a progress display has something to show. Nothing
# reaches AWS: the data-source look-ups are replaced by the names core-infra would give.
#
# Set BERTH_SANDBOX_FAIL in the environment of `terraform apply` to make the CodeStar
# notification rule fail the way it does when the service-linked role is missing: any value
# fails every apply, and an absolute path fails only while that file exists, so a running
# wizard can be made to fail one apply and succeed on the next.

locals {
  # Names the real data sources look up, built the same way from the variables.
  vpc_name              = var.vpc_tag_value != "" ? var.vpc_tag_value : var.core_stack_name
  private_subnet_prefix = var.private_subnets_tag_value != "" ? var.private_subnets_tag_value : "${var.core_stack_name}-private-"
  cluster_name          = var.ecs_cluster_name != "" ? var.ecs_cluster_name : var.core_stack_name
  execution_role_name   = var.ecs_task_execution_role_name != "" ? var.ecs_task_execution_role_name : "${var.core_stack_name}-execution"
  namespace_name        = "${var.namespace}.${local.cluster_name}.local"

  # The emulator's account; the real blueprint reads it from aws_caller_identity.
  account_id = "123456789012"

  # A stable 4-hex suffix where the real blueprint uses random_id (2 bytes).
  suffix = substr(sha1("${var.service_name}/${var.aws_region}"), 0, 4)

  ecr_repository_url = "${local.account_id}.dkr.ecr.${var.aws_region}.amazonaws.com/${var.container_name}"
  namespace_id       = "ns-${substr(sha1(local.namespace_name), 0, 16)}"
  service_id         = "srv-${substr(sha1("${local.namespace_name}/${var.service_name}"), 0, 16)}"
  bucket_name        = "codepipeline-${var.aws_region}-${local.suffix}"
}

resource "terraform_data" "random_id" {
  input = { byte_length = 2, hex = local.suffix }

  provisioner "local-exec" {
    command = "sleep 0.2"
  }
}

# ECR repository and its policy (terraform-aws-modules/ecr ~> 1.4).

resource "terraform_data" "ecr_repository" {
  input = {
    name                 = var.container_name
    image_tag_mutability = "IMMUTABLE"
    scan_on_push         = true
    force_delete         = true
    repository_url       = local.ecr_repository_url
  }

  provisioner "local-exec" {
    command = "sleep 0.5; echo 'repository ${var.container_name} created'"
  }
}

resource "terraform_data" "ecr_repository_policy" {
  input = {
    repository        = terraform_data.ecr_repository.output.name
    read_access       = ["arn:aws:iam::${local.account_id}:role/${local.execution_role_name}"]
    read_write_access = [terraform_data.codepipeline_role.output.arn]
  }

  provisioner "local-exec" {
    command = "sleep 0.3"
  }
}

# Task security group and its two rules (terraform-aws-modules/security-group ~> 4.0).

resource "terraform_data" "task_security_group" {
  input = {
    name_prefix = "${var.service_name}-task-sg"
    vpc_name    = local.vpc_name
    id          = "sg-${substr(sha1("${var.service_name}-task-sg"), 0, 17)}"
  }

  provisioner "local-exec" {
    command = "sleep 0.4"
  }
}

resource "terraform_data" "task_security_group_ingress" {
  input = {
    security_group_id = terraform_data.task_security_group.output.id
    type              = "ingress"
    protocol          = "tcp"
    from_port         = var.container_port
    to_port           = var.container_port
    cidr_blocks       = ["0.0.0.0/0"]
  }

  provisioner "local-exec" {
    command = "sleep 0.2"
  }
}

resource "terraform_data" "task_security_group_egress" {
  input = {
    security_group_id = terraform_data.task_security_group.output.id
    type              = "egress"
    protocol          = "-1"
    from_port         = 0
    to_port           = 0
    cidr_blocks       = ["0.0.0.0/0"]
  }

  provisioner "local-exec" {
    command = "sleep 0.2"
  }
}

# Cloud Map service the backend registers in.

resource "terraform_data" "service_discovery_service" {
  input = {
    name              = var.service_name
    namespace_name    = local.namespace_name
    namespace_id      = local.namespace_id
    id                = local.service_id
    arn               = "arn:aws:servicediscovery:${var.aws_region}:${local.account_id}:service/${local.service_id}"
    dns_record        = { type = "A", ttl = 10 }
    routing_policy    = "MULTIVALUE"
    failure_threshold = 1
  }

  provisioner "local-exec" {
    command = "sleep 0.6; echo 'registered ${var.service_name}.${local.namespace_name}'"
  }
}

# ECS service, task definition, task role and log group (local module ecs-service).

resource "terraform_data" "ecs_task_role" {
  input = {
    name = "${var.service_name}-task"
    arn  = "arn:aws:iam::${local.account_id}:role/${var.service_name}-task"
  }

  provisioner "local-exec" {
    command = "sleep 0.3"
  }
}

resource "terraform_data" "ecs_log_group" {
  input = {
    name              = "/ecs/${var.service_name}/${var.container_name}"
    retention_in_days = 90
  }

  provisioner "local-exec" {
    command = "sleep 0.2"
  }
}

resource "terraform_data" "ecs_task_definition" {
  input = {
    family                   = var.service_name
    network_mode             = "awsvpc"
    requires_compatibilities = ["FARGATE"]
    cpu                      = var.cpu
    memory                   = var.memory
    execution_role_name      = local.execution_role_name
    task_role_arn            = terraform_data.ecs_task_role.output.arn
    container = merge({
      name             = var.container_name
      image            = terraform_data.ecr_repository.output.repository_url
      readonly_root_fs = true
      log_group        = terraform_data.ecs_log_group.output.name
    }, var.container_definition_defaults)
  }

  provisioner "local-exec" {
    command = "sleep 0.5; echo 'registered task definition ${var.service_name}:1'"
  }
}

resource "terraform_data" "ecs_service" {
  input = {
    name                   = var.service_name
    cluster                = local.cluster_name
    task_definition        = "${terraform_data.ecs_task_definition.output.family}:1"
    desired_count          = var.desired_count
    subnets_tag_prefix     = local.private_subnet_prefix
    security_groups        = [terraform_data.task_security_group.output.id]
    service_registry       = terraform_data.service_discovery_service.output.arn
    enable_execute_command = true
    capacity_provider_strategy = [
      { capacity_provider = "FARGATE", base = var.cp_strategy_base, weight = var.cp_strategy_fg_weight },
      { capacity_provider = "FARGATE_SPOT", base = 0, weight = var.cp_strategy_fg_spot_weight },
    ]
  }

  provisioner "local-exec" {
    command = "echo 'waiting for ${var.service_name} to reach steady state'; sleep 2"
  }
}

# Pipeline artifact bucket (terraform-aws-modules/s3-bucket ~> 3.0).

resource "terraform_data" "s3_bucket" {
  input = {
    bucket        = local.bucket_name
    force_destroy = true
    random_id     = terraform_data.random_id.output.hex
  }

  provisioner "local-exec" {
    command = "sleep 1"
  }
}

resource "terraform_data" "s3_bucket_acl" {
  input = { bucket = terraform_data.s3_bucket.output.bucket, acl = "private" }

  provisioner "local-exec" {
    command = "sleep 0.3"
  }
}

resource "terraform_data" "s3_bucket_server_side_encryption" {
  input = { bucket = terraform_data.s3_bucket.output.bucket, sse_algorithm = "AES256" }

  provisioner "local-exec" {
    command = "sleep 0.3"
  }
}

resource "terraform_data" "s3_bucket_policy" {
  input = {
    bucket                  = terraform_data.s3_bucket.output.bucket
    deny_insecure_transport = true
    require_latest_tls      = true
  }

  provisioner "local-exec" {
    command = "sleep 0.3"
  }
}

resource "terraform_data" "s3_bucket_public_access_block" {
  input = {
    bucket                  = terraform_data.s3_bucket.output.bucket
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }

  provisioner "local-exec" {
    command = "sleep 0.3"
  }
}

# Notifications topic for the pipeline.

resource "terraform_data" "sns_topic" {
  input = {
    name      = var.service_name
    arn       = "arn:aws:sns:${var.aws_region}:${local.account_id}:${var.service_name}"
    publisher = "codestar-notifications.amazonaws.com"
  }

  provisioner "local-exec" {
    command = "sleep 0.3"
  }
}

# CodeBuild project with its role and policy (local module codebuild).

resource "terraform_data" "codebuild_role" {
  input = {
    name = "${var.service_name}-codebuild-${terraform_data.random_id.output.hex}"
    arn  = "arn:aws:iam::${local.account_id}:role/${var.service_name}-codebuild-${local.suffix}"
  }

  provisioner "local-exec" {
    command = "sleep 0.4"
  }
}

resource "terraform_data" "codebuild_policy" {
  input = {
    name           = "${var.service_name}-codebuild-${terraform_data.random_id.output.hex}"
    ecr_repository = terraform_data.ecr_repository.output.repository_url
    bucket         = terraform_data.s3_bucket.output.bucket
  }

  provisioner "local-exec" {
    command = "sleep 0.3"
  }
}

resource "terraform_data" "codebuild_policy_attachment" {
  input = {
    role   = terraform_data.codebuild_role.output.name
    policy = terraform_data.codebuild_policy.output.name
  }

  provisioner "local-exec" {
    command = "sleep 0.2"
  }
}

resource "terraform_data" "codebuild_project" {
  input = {
    name            = "codebuild-${var.service_name}"
    service_role    = terraform_data.codebuild_role.output.arn
    image           = "aws/codebuild/standard:4.0"
    compute_type    = "BUILD_GENERAL1_SMALL"
    privileged_mode = true
    build_timeout   = 10
    buildspec       = var.buildspec_path
    environment_variables = {
      REPO_URL               = terraform_data.ecr_repository.output.repository_url
      TASK_DEFINITION_FAMILY = var.service_name
      CONTAINER_NAME         = var.container_name
      SERVICE_PORT           = var.container_port
      FOLDER_PATH            = var.folder_path
      ECS_EXEC_ROLE_ARN      = "arn:aws:iam::${local.account_id}:role/${local.execution_role_name}"
    }
  }

  provisioner "local-exec" {
    command = "sleep 1"
  }
}

# CodePipeline with its role, policy and notification rule (local module codepipeline).

resource "terraform_data" "codepipeline_role" {
  input = {
    name = "${var.service_name}-pipeline-${terraform_data.random_id.output.hex}"
    arn  = "arn:aws:iam::${local.account_id}:role/${var.service_name}-pipeline-${local.suffix}"
  }

  provisioner "local-exec" {
    command = "sleep 0.4"
  }
}

resource "terraform_data" "codepipeline_policy" {
  input = {
    name              = "${var.service_name}-pipeline-${terraform_data.random_id.output.hex}"
    bucket            = terraform_data.s3_bucket.output.bucket
    codebuild_project = terraform_data.codebuild_project.output.name
  }

  provisioner "local-exec" {
    command = "sleep 0.3"
  }
}

resource "terraform_data" "codepipeline_policy_attachment" {
  input = {
    role   = terraform_data.codepipeline_role.output.name
    policy = terraform_data.codepipeline_policy.output.name
  }

  provisioner "local-exec" {
    command = "sleep 0.2"
  }
}

resource "terraform_data" "codepipeline" {
  input = {
    name           = "pipeline-${var.service_name}"
    role_arn       = terraform_data.codepipeline_role.output.arn
    artifact_store = terraform_data.s3_bucket.output.bucket
    source = {
      provider                = "GitHub"
      owner                   = var.repository_owner
      repo                    = var.repository_name
      branch                  = var.repository_branch
      oauth_token_secret_name = var.github_token_secret_name
      poll_for_source_changes = true
    }
    build  = { project = terraform_data.codebuild_project.output.name }
    deploy = { cluster = local.cluster_name, service = terraform_data.ecs_service.output.name, file = "imagedefinition.json" }
  }

  provisioner "local-exec" {
    command = "echo 'creating pipeline-${var.service_name}'; sleep 1.5"
  }
}

resource "terraform_data" "codestar_notification_rule" {
  input = {
    name           = "pipeline-${var.service_name}_pipeline_execution_status"
    detail_type    = "FULL"
    resource       = terraform_data.codepipeline.output.name
    event_type_ids = ["codepipeline-pipeline-action-execution-succeeded", "codepipeline-pipeline-action-execution-failed"]
    target         = terraform_data.sns_topic.output.arn
  }

  # FAILURE holds the text AWS returns while the CodeStar Notifications service-linked role
  # does not exist yet.
  provisioner "local-exec" {
    command = "sleep 0.5; case \"$BERTH_SANDBOX_FAIL\" in '') ;; /*) test ! -e \"$BERTH_SANDBOX_FAIL\" || { echo \"$FAILURE\" >&2; exit 1; } ;; *) echo \"$FAILURE\" >&2; exit 1 ;; esac"
    environment = {
      FAILURE = "creating CodeStar Notification Rule (pipeline-${var.service_name}_pipeline_execution_status): ConfigurationException: AWS CodeStar Notifications could not create the AWS CloudWatch Events managed rule in your AWS account. If this is your first time creating a notification rule, the service-linked role for AWS CodeStar Notifications might not yet exist. Creation of this role might take up to 15 minutes. Until it exists, notification rule creation will fail."
    }
  }
}
