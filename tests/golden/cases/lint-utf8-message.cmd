lint -n -
