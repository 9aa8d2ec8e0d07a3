environment  = "dev"
service_name = "ecsdemo-backend"
aws_region   = "us-west-2"
cidr         = "10.0.0.0/16"
