check tests/corpus/k8s/invalid/091-overlap-core.yaml
