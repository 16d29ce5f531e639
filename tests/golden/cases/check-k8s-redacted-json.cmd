check -n --format json -
