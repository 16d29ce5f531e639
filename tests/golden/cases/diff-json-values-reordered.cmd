diff tests/golden/diff/json/vpc-ab.json tests/golden/diff/json/vpc-ba.json
