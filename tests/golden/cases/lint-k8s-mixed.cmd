lint --no-config --format json tests/corpus/k8s/invalid/091-overlap-core.yaml tests/corpus/ram/valid/aws-eks-deny-kms.json
