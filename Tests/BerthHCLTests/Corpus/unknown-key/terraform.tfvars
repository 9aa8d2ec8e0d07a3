cpu         = 256
task_memory = "512" # renamed to memory in newer versions
