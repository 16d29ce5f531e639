fmt tests/golden/inputs/ram/ram-escapes.json
