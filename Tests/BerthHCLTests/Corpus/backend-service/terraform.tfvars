# You should update the below variables

aws_region               = "us-west-2"
github_token_secret_name = "ecs-github-token"
# repository_owner         = ""

# It is optional to change the below variables

core_stack_name = "ecs-blueprint-infra"
service_name    = "ecsdemo-nodejs"
namespace       = "default"
desired_count   = 3
cpu             = 256
memory          = 512
container_name  = "ecsdemo-nodejs"
container_port  = 3000 # Don't change this as it is the port exposed by the application
