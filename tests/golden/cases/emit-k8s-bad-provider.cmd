emit tests/emit/bad/k8s-provider.json -o build/never-written
