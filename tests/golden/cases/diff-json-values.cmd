diff tests/golden/diff/json/vpc-a.json tests/golden/diff/json/vpc-ab.json
