rotate examples/k8s/current-aescbc.yaml -o build/never-written --to kms --kms-name kek --kms-endpoint unix:///x.sock --kms-timeout 0s
