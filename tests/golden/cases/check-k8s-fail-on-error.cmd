check --fail-on error tests/corpus/k8s/invalid/101-aesgcm.yaml
