parse -x
