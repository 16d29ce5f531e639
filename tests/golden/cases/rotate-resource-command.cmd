rotate tests/golden/inputs/k8s/resource-command.yaml -o /tmp/iamc-golden-never-written --test-key-seed 1
