check --format json tests/corpus/k8s/invalid/066-kms-tcp.yaml
