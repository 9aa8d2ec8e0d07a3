task_cpu    = 256
task_memory = "512"
