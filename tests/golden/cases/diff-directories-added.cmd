diff tests/golden/diff/dirs/empty tests/golden/diff/dirs/new
