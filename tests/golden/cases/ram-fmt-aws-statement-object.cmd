fmt tests/golden/inputs/ram/aws-statement-object.json
