aws_region = "us-west-2
