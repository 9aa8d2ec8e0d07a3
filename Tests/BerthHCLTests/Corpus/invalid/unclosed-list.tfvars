ids = ["a", "b"
other = 1
