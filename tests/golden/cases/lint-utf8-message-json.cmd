lint -n --format json -
