short              = "s"


	a_much_longer_name =   "l"   
tabbed	=	"t"
no_newline = 5