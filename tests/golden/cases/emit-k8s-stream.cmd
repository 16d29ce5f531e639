emit examples/k8s/aescbc.json -o - --test-key-seed 42
