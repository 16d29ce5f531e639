check -n --lang k8s --format json -
