rotate examples/k8s/current-aescbc.yaml -o build/never-written -n --test-key-seed 1
