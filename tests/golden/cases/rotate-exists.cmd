rotate examples/k8s/current-aescbc.yaml -o examples --test-key-seed 1
