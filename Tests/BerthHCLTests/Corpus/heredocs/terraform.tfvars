plain = <<EOT
first line
  second "line" with \backslash
EOT
indented = <<-EOT
    level one
      level two

    back
    EOT
custom_marker = <<END_OF_TEXT
EOT is not the marker here
END_OF_TEXT
escapes_literal = <<EOT
$${not interpolated} %%{not a directive}
EOT
blank_lines = <<-EOT

  text between blank lines

  EOT
empty = <<EOT
EOT
whitespace_lines = <<-EOT
    a
        
  
		b
    EOT
