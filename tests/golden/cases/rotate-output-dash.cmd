rotate examples/k8s/current-aescbc.yaml -o - --test-key-seed 1
