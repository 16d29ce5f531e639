check tests/corpus/k8s/valid/004-kms-v2.yaml
