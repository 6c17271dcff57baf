print("portvakt")
