tags = {
  Team                 = "core"
  "kubernetes.io/role" = "web"
  "with space":  "yes"
  Env = "dev", Owner = "ops"
}

service = { name = "api" }

nested = {
  primary = {
    cidr  = "10.0.0.0/16"
    zones = ["us-west-2a", "us-west-2b"]
  }
  "secondary-1" = { cidr = "10.1.0.0/16", zones = [] }
}
