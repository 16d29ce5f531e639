emit examples/k8s/aescbc.json -o build/never-written --dry-run --test-key-seed 42
