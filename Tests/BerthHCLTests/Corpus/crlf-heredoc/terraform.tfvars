# written on Windows
script = <<EOT
echo "hi"

EOT
indented = <<-EOT
    a
      b
    EOT
count_value = 2
