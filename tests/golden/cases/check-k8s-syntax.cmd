check tests/corpus/k8s/invalid/001-syntax-tab.yaml
