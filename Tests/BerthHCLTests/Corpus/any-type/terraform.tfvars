untyped  = "plain"
anything = { cpu = 256, essential = true, names = ["a", "b"] }
any_list = ["x", "y"]
container_definition_defaults = {
  readonly_root_filesystem = false
}
