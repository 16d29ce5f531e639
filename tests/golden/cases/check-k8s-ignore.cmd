check --no-config tests/golden/inputs/k8s/ignored.yaml
