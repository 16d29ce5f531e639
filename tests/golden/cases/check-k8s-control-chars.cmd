check tests/golden/inputs/k8s/control-chars.yaml
