fmt tests/golden/inputs/ram/ram-invalid.json
