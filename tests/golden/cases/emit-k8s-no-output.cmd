emit-k8s examples/k8s/aescbc.json
