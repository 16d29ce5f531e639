parse tests/golden/inputs/ram/ram-trust.json
