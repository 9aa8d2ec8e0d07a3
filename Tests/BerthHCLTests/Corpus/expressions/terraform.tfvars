names = ["x", "y", "z"]
