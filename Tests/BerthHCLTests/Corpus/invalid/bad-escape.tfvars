path = "C:\Users\dev"
