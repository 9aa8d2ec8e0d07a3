enabled     = true
disabled    = false
maybe       = null
never_null  = null
string_bool = "true"
