rotate tests/golden/inputs/k8s/kms-v1-vault.yaml --to kms --kms-name vault --kms-endpoint unix:///var/run/new.sock -o /tmp/iamc-golden-never-written --test-key-seed 1
