# nothing set yet

// repository_owner = "me"
