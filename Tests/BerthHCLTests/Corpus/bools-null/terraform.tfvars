enabled     = true
disabled    = false
maybe       = null
string_bool = "true"
