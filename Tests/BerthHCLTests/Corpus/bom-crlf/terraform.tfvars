repository_owner = "<GITHUB_USER>"
notes = <<EOT
line1
EOT
