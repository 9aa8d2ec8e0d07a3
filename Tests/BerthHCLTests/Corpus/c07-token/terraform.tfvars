# A fake token pasted where the secret's name belongs.
github_token_secret_name = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
repository_owner         = "octo-org"
