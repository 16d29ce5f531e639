emit-k8s tests/golden/inputs/k8s/cloud-typo.json -o build/never-written
