diff tests/golden/diff/dirs/mixed tests/golden/diff/dirs/new
