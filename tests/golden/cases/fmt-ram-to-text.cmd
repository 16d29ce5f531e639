fmt --to text tests/golden/inputs/ram/ram-trust.json
