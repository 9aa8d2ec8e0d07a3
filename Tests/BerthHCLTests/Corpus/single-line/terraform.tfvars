a = "x"
c = "y"
d = [{ name = "one" }, { name = "two", size = 2 }]
