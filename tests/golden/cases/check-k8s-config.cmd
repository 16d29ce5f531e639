check --config tests/golden/inputs/k8s/config.json tests/corpus/k8s/invalid/045-aescbc-8.yaml tests/corpus/k8s/invalid/091-overlap-core.yaml
