subnet_ids = ["subnet-aaa", "subnet-bbb"]
ports      = [80, 443]
pair       = ["a", 1, true]
matrix     = [[1, 2], [3, 4], []]
empty_list = []
trailing_comma = ["x", "y",]
multi_line = [
  "one",   # first
  "two",
  // a comment between items
  "three", /* inline */
]
