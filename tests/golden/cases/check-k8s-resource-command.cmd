check tests/golden/inputs/k8s/resource-command.yaml
