emit examples/k8s/ack.json -o build/never-written --dry-run
