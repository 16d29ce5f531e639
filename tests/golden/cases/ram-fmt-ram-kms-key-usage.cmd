fmt tests/golden/inputs/ram/ram-kms-key-usage.json
