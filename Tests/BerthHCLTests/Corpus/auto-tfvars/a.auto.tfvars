from_auto_a = "a.auto"
from_auto_b = "a.auto"
