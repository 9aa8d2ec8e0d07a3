a = "x" b = "y"
