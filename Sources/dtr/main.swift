print("dtr")
