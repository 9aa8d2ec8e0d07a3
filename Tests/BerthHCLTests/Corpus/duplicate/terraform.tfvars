service_name = "first"
# later someone added it again
service_name = "second"
