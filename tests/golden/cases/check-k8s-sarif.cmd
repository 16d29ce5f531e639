check --no-config --format sarif tests/corpus/k8s/invalid/045-aescbc-8.yaml
