print("berth 0.1.0")
