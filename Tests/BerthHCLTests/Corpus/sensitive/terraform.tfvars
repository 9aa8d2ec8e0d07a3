github_token_secret_name = "team/ecs-github-token"
db_password              = "not-a-real-password"
