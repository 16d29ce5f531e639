rotate examples/k8s/current-aescbc.yaml -o build/never-written --to kms --kms-name a:b --kms-endpoint unix:///x.sock
