print("metodbank")
