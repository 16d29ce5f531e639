check -n -
