aws_region               = "us-west-2"
core_stack_name          = "ecs-blueprint-infra"
github_token_secret_name = "ecs-github-token"
repository_owner         = "aws-ia"
backend_svc_endpoint     = "http://ecsdemo-nodejs.default.ecs-blueprint-infra.local:3000"

enable_scheduled_autoscaling    = true
scheduled_autoscaling_up_time   = "cron(0 10 * ? * *)"
scheduled_autoscaling_down_time = "cron(0 20 * ? * *)"
