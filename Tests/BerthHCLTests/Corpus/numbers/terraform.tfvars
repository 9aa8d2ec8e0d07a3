zero           = 0
negative       = -42
fraction       = 3.25
exponent       = 1e3
small_exponent = 2.5E-2
big            = 1000000000000
leading_zero   = 007
string_number  = "12"
