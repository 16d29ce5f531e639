emit-k8s examples/k8s/kms-wildcard.json -o - --dry-run
