desired_count = 1
subnet_ids    = []
enable_x      = false
tags          = {}
note          = ""
