# Variables with every comment style.
variable "a" { # after the brace
  type = string // double slash
  /* block comment
     over two lines */
}

/* a comment before a block */ variable "b" {
  type = number
}
