greeting  = "héllo wörld — 你好 🚀" # ünïcödé comment
combining = "e\u0301 and é"
labels    = { "名前" = "値", "ключ" = "значение" }
