notes = <<EOT
never closed
