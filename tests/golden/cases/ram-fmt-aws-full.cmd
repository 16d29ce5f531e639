fmt tests/golden/inputs/ram/aws-full.json
