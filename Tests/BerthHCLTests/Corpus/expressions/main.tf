locals {
  upper_names = [for n in var.names : upper(n) if n != ""]
  by_name     = { for i, n in var.names : n => i }
  joined      = join(",", var.names)
  label       = "${var.prefix}-%{if length(var.names) > 1}many%{else}one%{endif}"
  chosen      = length(var.names) > 0 ? var.names[0] : null
  math        = (1 + 2) * 3 - 4 / 2 % 3
  spread      = concat([var.names, ["c"]]...)
  splat       = [{ id = 1 }, { id = 2 }][*].id
  attr_splat  = [{ id = 1 }].*.id
  nested_tpl  = "outer ${"inner ${var.prefix}"}"
  heredoc_tpl = <<-EOT
    name: ${var.prefix}
    %{for n in var.names~}
    - ${n}
    %{endfor~}
  EOT
  negation    = !false && true || false
  compare     = 1 <= 2 && 2 >= 1 && 1 < 2 && 2 > 1 && 1 == 1 && 1 != 2
}

output "summary" {
  value = {
    upper  = local.upper_names
    by     = local.by_name
    joined = local.joined
    label  = local.label
    chosen = local.chosen
    math   = local.math
    splat  = local.splat
    attr   = local.attr_splat
    nested = local.nested_tpl
    neg    = local.negation
    cmp    = local.compare
    doc    = local.heredoc_tpl
    spread = local.spread
  }
}
