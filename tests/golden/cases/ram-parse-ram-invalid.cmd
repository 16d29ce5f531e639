parse tests/golden/inputs/ram/ram-invalid.json
