# hash comment
// slash comment
/* block
   comment */
a = "value" # trailing hash
/* inline */ b = 2 // trailing slash
# last line without newline